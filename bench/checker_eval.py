"""Quality of the message checker on the labelled drafts in tests/data/drafts.jsonl.

    .venv/bin/python bench/checker_eval.py [--split tune|holdout|all] [--show-errors]

Prints precision, recall and F1 for the `review` verdict and for each flag kind, and the share
of plain logistics messages (labelled ok) that were flagged. The holdout split was written
before the rules were tuned and is never used to change them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nocontact.domain.checker import check_message  # noqa: E402

KINDS = ("feelings", "reminiscing", "personal_question", "blame", "reconciliation", "pressure", "off_topic", "too_long")


def load(split: str) -> list[dict]:
    rows = [json.loads(line) for line in (ROOT / "tests" / "data" / "drafts.jsonl").read_text().splitlines() if line]
    return [r for r in rows if split == "all" or r["split"] == split]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(rows: list[dict], show: bool = False) -> dict:
    verdict = Counter()
    kinds = {k: Counter() for k in KINDS}
    plain_flagged = 0
    plain = 0
    for row in rows:
        result = check_message(row["text"], topics=row.get("topics"))
        got, want = result.verdict == "review", row["verdict"] == "review"
        verdict["tp" if got and want else "fp" if got else "fn" if want else "tn"] += 1
        if not want:
            plain += 1
            plain_flagged += got
        for k in KINDS:
            g, w = k in result.kinds, k in row["kinds"]
            kinds[k]["tp" if g and w else "fp" if g else "fn" if w else "tn"] += 1
        if show and (got != want or set(result.kinds) != set(row["kinds"])):
            print(f"{row['id']}: want {row['kinds'] or 'ok'}, got {list(result.kinds) or 'ok'}: {row['text'][:90]!r}")
    return {
        "n": len(rows),
        "review": prf(verdict["tp"], verdict["fp"], verdict["fn"]),
        "kinds": {k: (prf(c["tp"], c["fp"], c["fn"]), c["tp"] + c["fn"]) for k, c in kinds.items()},
        "plain_flagged": plain_flagged / plain if plain else 0.0,
        "plain": plain,
    }


def table(name: str, e: dict) -> str:
    p, r, f = e["review"]
    lines = [
        f"**{name}** ({e['n']} drafts, {e['plain']} plain logistics)\n",
        "| what | precision | recall | F1 | drafts with it |",
        "|---|---|---|---|---|",
        f"| verdict `review` | {p:.2f} | {r:.2f} | {f:.2f} | {e['n'] - e['plain']} |",
    ]
    for k, ((kp, kr, kf), support) in e["kinds"].items():
        lines.append(f"| `{k}` | {kp:.2f} | {kr:.2f} | {kf:.2f} | {support} |")
    lines.append(f"\nPlain logistics messages flagged: {e['plain_flagged']:.1%}\n")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="both", choices=["tune", "holdout", "all", "both"])
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    splits = ["tune", "holdout"] if args.split == "both" else [args.split]
    for split in splits:
        print(table(split, evaluate(load(split), show=args.show_errors)))


if __name__ == "__main__":
    main()
