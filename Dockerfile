# nocontact as a container image: the app (`nocontact serve`) and its worker (`nocontact worker`) run from it.
# compose.yaml runs both beside PostgreSQL; docs/deployment.md ("With Docker Compose") explains the setup.
# The image installs exactly what scripts/run installs, with the same script: scripts/bootstrap --run
# (requirements.lock, hashes checked; no test or development tools).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    NOCONTACT_DATA_DIR=/data \
    PATH=/app/.venv/bin:$PATH

RUN useradd --system --home-dir /data --shell /usr/sbin/nologin nocontact \
    && mkdir -p /data && chown nocontact:nocontact /data && chmod 0700 /data

WORKDIR /app
COPY . /app
RUN scripts/bootstrap --run && find /app -name __pycache__ -prune -exec rm -rf {} +

USER nocontact
VOLUME ["/data"]
EXPOSE 8000

# /healthz answers without touching the database. The Host header is one that NOCONTACT_ALLOWED_HOSTS lists
# (compose.yaml adds localhost); the address is exempt from the HTTPS redirect.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/healthz', timeout=4)"]

# Listening on all addresses switches nocontact to hosted mode: it needs NOCONTACT_SECRET_KEY,
# NOCONTACT_MASTER_KEY (or _FILE) and NOCONTACT_ALLOWED_HOSTS, and it does not start a worker beside itself.
CMD ["nocontact", "serve", "--host", "0.0.0.0", "--port", "8000"]
