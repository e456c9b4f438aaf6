"""`nocontact serve`: a production WSGI server (waitress) that also serves the static files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

from nocontact import config, messages


def worker(*, batch: bool = False) -> int:
    """Run queued background work (django-tasks' database backend) until stopped, or once with batch."""
    from nocontact.cli.setup import django_setup, migrate

    try:
        django_setup(full=True)
    except config.ConfigError as exc:
        print(f"nocontact: {exc}", file=sys.stderr)
        return 2
    migrate()
    from django.core.management import call_command

    call_command("db_worker", interval=1.0, batch=batch, no_startup_delay=True, verbosity=0)
    return 0


def _start_worker() -> subprocess.Popen[bytes]:
    """The embedded default runs its worker beside the server, as a child process that ends with it."""
    return subprocess.Popen([sys.executable, "-m", "nocontact.cli.main", "worker"])


def serve(*, host: str, port: int, threads: int, worker: bool = True) -> int:
    if not config.is_loopback(host):
        # Reachable by others: require real secrets, secure cookies and HTTPS settings.
        os.environ["NOCONTACT_HOSTED"] = "1"
        if not os.environ.get("NOCONTACT_SECRET_KEY"):
            print(f"nocontact: {messages.CLI_HOSTED_NEEDS_SECRET.format(host=host)}", file=sys.stderr)
            return 2
    from nocontact.cli.setup import django_setup, migrate

    try:
        django_setup(full=True)
        from nocontact import crypto

        crypto.master_key()  # fail now, not on the first request, if the key is missing
    except config.ConfigError as exc:
        print(f"nocontact: {exc}", file=sys.stderr)
        return 2
    migrate(verbosity=1)

    from waitress import serve as waitress_serve

    from nocontact.wsgi import application

    print(f"nocontact is listening on http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    options: dict[str, object] = {}
    if config.hosted():
        # Behind a reverse proxy: believe its X-Forwarded-Proto/-For, and only from where it runs.
        options = {
            "trusted_proxy": os.environ.get("NOCONTACT_TRUSTED_PROXY", "127.0.0.1"),
            "trusted_proxy_count": int(os.environ.get("NOCONTACT_PROXY_COUNT", "1")),
            "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"},
            "clear_untrusted_proxy_headers": True,
        }
    child = _start_worker() if worker and not config.hosted() else None
    # The message checker's model takes about a second to load: load it now, beside the first requests,
    # rather than in the first person's check.
    from nocontact.domain.checker import classify

    threading.Thread(target=classify.engine, name="checker-model", daemon=True).start()
    # A polite stop (SIGTERM from systemd, a test, or a container) ends the worker child too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        waitress_serve(application, host=host, port=port, threads=max(1, threads), ident="nocontact", **options)
    finally:
        if child is not None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    return 0
