"""Speed and peak memory of the import parsers, side by side with whatstk on the same WhatsApp file.

    .venv/bin/python bench/bench_import.py            # whatstk side by side, then every format at 10k and 1M
    QUICK=1 .venv/bin/python bench/bench_import.py    # whatstk side by side only

whatstk is not a dependency: the script installs whatstk 0.9.1 into its own virtualenv
(bench/.venv-whatstk, from the package registry) the first time. Each parser runs in a fresh process, so its
peak memory (max RSS) is its own. Files are generated here, with invented names, in a temporary folder.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WHATSTK_VENV = ROOT / "bench" / ".venv-whatstk"
WORDS = "ok sure see you at the school gate tomorrow pick up the kids at five can you send the form thanks".split()


def _texts(rng: random.Random, n: int):
    start = datetime(2023, 1, 13, 8, 0, tzinfo=UTC)  # a day above 12: the date order is clear at once
    for i in range(n):
        when = start + timedelta(seconds=i * 97 + rng.randrange(60))
        mine = rng.random() < 0.5
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 16)))
        yield when, mine, body, i


def whatsapp(path: Path, n: int) -> None:
    rng = random.Random(1)
    with path.open("w", encoding="utf-8") as f:
        f.write("13/01/2023, 08:00 - Messages and calls are end-to-end encrypted. No one outside can read them.\n")
        for when, mine, body, i in _texts(rng, n):
            who = "Sam Example" if mine else "Alex Example"
            extra = "\nand a second line" if i % 25 == 0 else ""
            f.write(f"{when:%d/%m/%Y, %H:%M} - {who}: {body}{extra}\n")


def telegram(path: Path, n: int) -> None:
    rng = random.Random(2)
    with path.open("w", encoding="utf-8") as f:
        f.write('{"name": "Alex Example", "type": "personal_chat", "id": 1, "messages": [')
        for when, mine, body, i in _texts(rng, n):
            who, wid = ("Sam Example", "user1") if mine else ("Alex Example", "user2")
            msg = {
                "id": i,
                "type": "message",
                "date": when.strftime("%Y-%m-%dT%H:%M:%S"),
                "date_unixtime": str(int(when.timestamp())),
                "from": who,
                "from_id": wid,
                "text": body,
            }
            f.write(("," if i else "") + json.dumps(msg))
        f.write("]}")


def sms(path: Path, n: int) -> None:
    rng = random.Random(3)
    with path.open("w", encoding="utf-8") as f:
        f.write(f"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"{n}\">\n")
        for when, mine, body, _i in _texts(rng, n):
            f.write(
                f'  <sms protocol="0" address="+44 7700 900123" date="{int(when.timestamp() * 1000)}" '
                f'type="{2 if mine else 1}" body="{body}" read="1" contact_name="Alex Example" />\n'
            )
        f.write("</smses>\n")


def calls(path: Path, n: int) -> None:
    rng = random.Random(4)
    with path.open("w", encoding="utf-8") as f:
        f.write(f"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<calls count=\"{n}\">\n")
        for when, mine, _body, _i in _texts(rng, n):
            kind = 2 if mine else rng.choice([1, 3, 5])
            f.write(
                f'  <call number="+447700900123" duration="{rng.randrange(0, 600)}" '
                f'date="{int(when.timestamp() * 1000)}" type="{kind}" contact_name="Alex Example" />\n'
            )
        f.write("</calls>\n")


def messenger(path: Path, n: int) -> None:
    rng = random.Random(5)
    zoe = "Zoë Example".encode().decode("latin-1")
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"participants": [{"name": zoe}, {"name": "Sam Example"}]})[:-1] + ', "messages": [')
        for when, mine, body, i in _texts(rng, n):
            msg = {
                "sender_name": "Sam Example" if mine else zoe,
                "timestamp_ms": int(when.timestamp() * 1000),
                "content": body,
            }
            f.write(("," if i else "") + json.dumps(msg))
        f.write('], "title": "' + zoe + '", "thread_path": "inbox/zoe_1"}')


FORMATS = {
    "whatsapp": (whatsapp, "chat.txt", "Alex Example"),
    "telegram": (telegram, "result.json", "Alex Example"),
    "sms-xml": (sms, "sms.xml", "Alex Example"),
    "calls-xml": (calls, "calls.xml", "Alex Example"),
    "messenger": (messenger, "message_1.json", "Zoë Example"),
}

OURS = """
import resource, sys, time, io
sys.path.insert(0, {root!r})
from zoneinfo import ZoneInfo
from nocontact.domain.imports.sources import Blob, read
from nocontact.domain.imports.summary import match
path, person = sys.argv[1], sys.argv[2]
began = time.perf_counter()
collected = read(Blob(path, lambda: open(path, "rb")), tz=ZoneInfo("Europe/London"), date_order=None)
matched = match(collected, person=person, message_channel="message")
entries = sum(1 for _ in matched.entries())
took = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(took, peak, collected.messages_total, entries)
"""

WHATSTK = """
import resource, sys, time
began = time.perf_counter()
from whatstk import WhatsAppChat
chat = WhatsAppChat.from_source(filepath=sys.argv[1])
took = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(took, peak, len(chat.df), 0)
"""


def _run(python: str, code: str, *args: str) -> tuple[float, float, int, int]:
    out = subprocess.run([python, "-c", code, *args], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), int(out[3])


def _whatstk_python() -> str:
    python = WHATSTK_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(WHATSTK_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "whatstk==0.9.1"], check=True)
    return str(python)


def _baseline(python: str) -> float:
    """The interpreter's own resident memory, to show what the parser adds."""
    return _run(python, "import resource; print(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0, 0)")[1]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="nocontact-bench-import-"))
    ours = OURS.format(root=str(ROOT))
    print(f"# Import parsers, {datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    path = folder / "WhatsApp Chat with Alex Example.txt"
    whatsapp(path, 300_000)
    size = path.stat().st_size / 1024**2
    wk = _whatstk_python()
    ours_runs = [_run(sys.executable, ours, str(path), "Alex Example") for _ in range(3)]
    theirs_runs = [_run(wk, WHATSTK, str(path)) for _ in range(3)]
    o = min(ours_runs)
    t = min(theirs_runs)
    print(f"\n## WhatsApp, 300,000 messages ({size:.1f} MB), best of 3 runs, each in a fresh process\n")
    print("| parser | seconds | peak memory (MB) | messages |")
    print("|---|---|---|---|")
    print(f"| whatstk 0.9.1 (auto-detected format) | {t[0]:.2f} | {t[1]:.0f} | {t[2]:,} |")
    print(f"| nocontact | {o[0]:.2f} | {o[1]:.0f} | {o[2]:,} |")
    print(
        f"\nnocontact is {t[0] / o[0]:.1f}x faster; peak memory {o[1]:.0f} MB "
        f"(the bare interpreter: {_baseline(sys.executable):.0f} MB)."
    )
    if os.environ.get("QUICK"):
        return
    print("\n## Every format (nocontact), one fresh process each\n")
    print("| format | messages | file (MB) | seconds | peak memory (MB) |")
    print("|---|---|---|---|---|")
    for fmt, (make, name, person) in FORMATS.items():
        for n in (10_000, 1_000_000):
            target = folder / f"{n}-{name}"
            make(target, n)
            took, peak, _total, _entries = _run(sys.executable, ours, str(target), person)
            print(f"| {fmt} | {n:,} | {target.stat().st_size / 1024**2:.1f} | {took:.2f} | {peak:.0f} |", flush=True)
            target.unlink()
    path.unlink()


if __name__ == "__main__":
    main()
