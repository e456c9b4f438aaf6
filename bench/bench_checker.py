"""Speed of the message checker.

    .venv/bin/python bench/bench_checker.py

Times every labelled draft in tests/data/drafts.jsonl many times over (p50, p99 per message), then
pipes 10,000 drafts through `nocontact check-message --jsonl` and times the whole run, start-up included.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nocontact.domain.checker import check_message  # noqa: E402


def main() -> None:
    rows = [json.loads(line) for line in (ROOT / "tests" / "data" / "drafts.jsonl").read_text().splitlines() if line]
    timings = []
    for _ in range(20):
        for row in rows:
            began = time.perf_counter()
            check_message(row["text"], topics=row.get("topics"))
            timings.append(time.perf_counter() - began)
    timings.sort()
    p50 = statistics.median(timings) * 1000
    p99 = timings[int(len(timings) * 0.99)] * 1000
    lines = "".join(
        json.dumps({"id": i, "text": rows[i % len(rows)]["text"]}, ensure_ascii=False) + "\n" for i in range(10_000)
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
    assert len(done.stdout.splitlines()) == 10_000
    print(f"{len(timings):,} checks of {len(rows)} drafts: p50 {p50:.2f} ms, p99 {p99:.2f} ms per message")
    print(f"10,000 drafts through `nocontact check-message --jsonl`: {wall:.2f} s including start-up")


if __name__ == "__main__":
    main()
