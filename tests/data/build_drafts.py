"""Rebuild drafts.jsonl from drafts_tune.py and drafts_holdout.py (run from the repository root).

The holdout drafts were written before the checker's rules were tuned; keep them out of any tuning.
"""

import json
import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    rows = []
    for split in ("tune", "holdout"):
        for i, (text, kinds, topics) in enumerate(runpy.run_path(str(HERE / f"drafts_{split}.py"))["T"]):
            row = {
                "id": f"{split}-{i + 1:03d}",
                "text": text,
                "verdict": "review" if kinds else "ok",
                "kinds": sorted(set(kinds)),
                "split": split,
            }
            if topics:
                row["topics"] = topics.split(",")
            rows.append(row)
    (HERE / "drafts.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    print(f"{len(rows)} drafts")


if __name__ == "__main__":
    main()
