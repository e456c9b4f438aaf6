"""Speed of the message checker.

    .venv/bin/python bench/bench_checker.py [--drafts 10000]

1. One draft at a time, in one process (the model already loaded): every labelled draft of
   nocontact/domain/checker/data/drafts.jsonl and tests/data/drafts.jsonl, five times over; p50 and p99.
2. The model's first load in a fresh process (what the first check after a start pays).
3. ``--drafts`` drafts (default 10,000, cycling through the same labelled drafts) piped through
   ``nocontact check-message --jsonl``, start-up included.

The engine (model or rules) is printed first. Results are written by hand into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nocontact.domain.checker import check_message, classify  # noqa: E402


def drafts() -> list[str]:
    texts = []
    for path in (
        ROOT / "nocontact" / "domain" / "checker" / "data" / "drafts.jsonl",
        ROOT / "tests" / "data" / "drafts.jsonl",
    ):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drafts", type=int, default=10_000)
    args = parser.parse_args()
    print(
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"engine: {classify.engine()}")
    texts = drafts()
    check_message(texts[0])  # warm
    timings = []
    for _ in range(5):
        for text in texts:
            began = time.perf_counter()
            check_message(text)
            timings.append(time.perf_counter() - began)
    timings.sort()
    p50 = statistics.median(timings) * 1000
    p99 = timings[int(len(timings) * 0.99)] * 1000
    print(f"{len(timings):,} checks of {len(texts)} drafts, one at a time: p50 {p50:.2f} ms, p99 {p99:.2f} ms")

    load = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t = time.perf_counter(); from nocontact.domain.checker import classify; "
            "classify.engine(); print(time.perf_counter() - t)",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    print(f"loading the model in a fresh process: {float(load.stdout) * 1000:.0f} ms")

    lines = "".join(
        json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n" for i in range(args.drafts)
    )
    began = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "nocontact"), "check-message", "--jsonl"],
        input=lines,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - began
    assert len(done.stdout.splitlines()) == args.drafts
    print(f"{args.drafts:,} drafts through `nocontact check-message --jsonl`: {wall:.1f} s including start-up")


if __name__ == "__main__":
    main()
