"""`scripts/screenshots`: every page, phone and desktop, light and dark, into one folder to look at side by side."""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings")

SIZES: dict[str, Any] = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
SCHEMES: tuple[Any, ...] = ("light", "dark")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="screenshots", help="the folder to write to (emptied first)")
    parser.add_argument("--only", action="append", default=[], help="only addresses containing this (repeatable)")
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="nocontact-screens-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "NOCONTACT_USER", "NOCONTACT_HOSTED"}}
    env |= {"NOCONTACT_DATA_DIR": str(data / "data"), "TZ": "UTC"}
    os.environ.update(env)
    django.setup()
    from playwright.sync_api import sync_playwright

    from conftest import RunningApp
    from tests.screens import ARGS, PASSWORD, SIGNED_OUT, chromium_path, screens, seed

    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    plan_ids = seed(env, "robin")
    app = RunningApp(env)
    shots: list[tuple[str, str, str, str]] = []  # (address, size, scheme, file)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
            for size, viewport in SIZES.items():
                for scheme in SCHEMES:
                    context = browser.new_context(viewport=viewport, color_scheme=scheme, timezone_id="Europe/London")
                    page = context.new_page()
                    for url in SIGNED_OUT:
                        shots.append(_shoot(page, app.url, url, size, scheme, out, args.only))
                    page.goto(app.url + "/login/")
                    page.get_by_label("Login name").fill("robin")
                    page.get_by_label("Password").fill(PASSWORD)
                    with page.expect_navigation():
                        page.get_by_role("button", name="Log in").click()
                    for _, url in screens(page, app.url, plan_ids):
                        shots.append(_shoot(page, app.url, url, size, scheme, out, args.only))
                    context.close()
            browser.close()
    finally:
        app.stop()
        shutil.rmtree(data, ignore_errors=True)
    _index(out, [s for s in shots if s[3]])
    print(f"{sum(1 for s in shots if s[3])} screenshots in {out}/ (open {out}/index.html)")


def _shoot(page, base: str, url: str, size: str, scheme: str, out: Path, only: list[str]) -> tuple[str, str, str, str]:
    if only and not any(part in url for part in only):
        return (url, size, scheme, "")
    page.goto(base + url)
    name = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"
    file = f"{name}.{size}.{scheme}.png"
    page.screenshot(path=str(out / file), full_page=True)
    return (url, size, scheme, file)


def _index(out: Path, shots: list[tuple[str, str, str, str]]) -> None:
    rows: dict[str, list[str]] = {}
    for url, _, _, file in shots:
        rows.setdefault(url, []).append(file)
    body = "".join(
        f"<h2>{html.escape(url)}</h2><div>"
        + "".join(f'<a href="{f}"><img src="{f}" alt="{html.escape(f)}" loading="lazy"></a>' for f in files)
        + "</div>"
        for url, files in rows.items()
    )
    style = "body{font-family:system-ui;margin:1rem}div{display:flex;gap:8px;align-items:flex-start}img{width:220px}"
    (out / "index.html").write_text(f"<!doctype html><title>Screens</title><style>{style}</style>{body}")


if __name__ == "__main__":
    main()
