"""Quality of the message checker, on drafts its training never saw.

    .venv/bin/python bench/checker_eval.py [--show-errors]

Two sets, each read by the model (the installed head) and by the rules alone, for comparison:

- **held out**: the `heldout` split of nocontact/domain/checker/data/drafts.jsonl (a quarter of the rows,
  chosen by a hash of each id when the row was added; training and threshold tuning never read it), by
  context and language;
- **the older set**: tests/data/drafts.jsonl, 310 drafts written for the rules (the model never trained on
  them; the rules were tuned on the "tune" half).

"review" is the positive class: F1 for it, and the share of fine drafts flagged ("false alarms").
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nocontact.domain.checker import check_message, classify  # noqa: E402
from nocontact.domain.checker.train import rows, scores  # noqa: E402


def _groups(drafts: list[dict[str, Any]]) -> Iterable[tuple[str, list[dict[str, Any]]]]:
    yield "all", drafts
    yield "in English", [d for d in drafts if d["lang"] == "en"]
    yield "in other languages", [d for d in drafts if d["lang"] != "en"]
    for context in ("coparent", "work", "friends"):
        yield f"{context}, English", [d for d in drafts if d["context"] == context and d["lang"] == "en"]


def verdicts(drafts: list[dict[str, Any]], show: bool, label: str) -> list[bool]:
    out = []
    for d in drafts:
        got = check_message(d["text"], topics=d.get("topics")).verdict == "review"
        out.append(got)
        if show and got != d["want"]:
            print(f"  [{label}] {'FALSE ALARM' if got else 'MISSED'} {d['id']}: {d['text'][:140]!r}")
    return out


def table(name: str, drafts: list[dict[str, Any]], show: bool) -> str:
    lines = [
        f"**{name}**\n",
        "| drafts | n | F1 (model) | false alarms (model) | F1 (rules alone) | false alarms (rules alone) |",
        "|---|---|---|---|---|---|",
    ]
    model = dict(zip((d["id"] for d in drafts), verdicts(drafts, show, "model"), strict=True))
    with classify.using(None):
        rules = dict(zip((d["id"] for d in drafts), verdicts(drafts, False, "rules"), strict=True))
    for group, chosen in _groups(drafts):
        if not chosen:
            continue
        wanted = [d["want"] for d in chosen]
        m = scores([model[d["id"]] for d in chosen], wanted)
        r = scores([rules[d["id"]] for d in chosen], wanted)
        lines.append(
            f"| {group} | {len(chosen)} | {m['f1']:.3f} | {m['false_alarms']:.1%} | {r['f1']:.3f} | "
            f"{r['false_alarms']:.1%} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    print(f"engine: {classify.engine()}\n")
    held = [{**d, "want": d["label"] == "review"} for d in rows("drafts.jsonl") if d["split"] == "heldout"]
    print(table("held out (nocontact/domain/checker/data, split heldout)", held, args.show_errors))
    older_path = ROOT / "tests" / "data" / "drafts.jsonl"
    older = [
        {**r, "want": r["verdict"] == "review", "lang": "en", "context": "coparent"}
        for r in (json.loads(line) for line in older_path.read_text(encoding="utf-8").splitlines() if line)
    ]
    print(table("the older set (tests/data/drafts.jsonl)", older, args.show_errors))


if __name__ == "__main__":
    main()
