"""`nocontact serve`: a production WSGI server (waitress) that also serves the static files."""

from __future__ import annotations

import os
import sys

from nocontact import config, messages


def serve(*, host: str, port: int, threads: int) -> int:
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
    waitress_serve(application, host=host, port=port, threads=max(1, threads), ident="nocontact", **options)
    return 0
