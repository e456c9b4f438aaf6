"""Train the checker's head on the labelled data, and score it on the held-out split it never saw.

    scripts/checker-train [--write] [--show-errors]

The data is ``data/drafts.jsonl`` (whole drafts, labelled send or review, each sentence with its kind) and
``data/sentences.jsonl`` (sentences on their own). Every row carries ``split``: ``train`` or ``heldout``,
fixed when the row was added (a hash of its id) and never changed. Training reads ``train`` rows only; the
scores printed for ``heldout`` are the ones to quote. With ``--write`` the head goes to ``model/head.json``.

The head is a small network (one hidden layer of 128 ReLU units, a softmax over the nine kinds,
L2-regularised, full-batch Adam) plus a logistic "asks for something" output, both on the embedding and the
rule features. The flag threshold is chosen by 5-fold cross-validation over the training drafts. Plain
numpy: a few thousand sentences train in under a minute.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import numpy as np

from nocontact.domain.checker import classify, embedding
from nocontact.domain.checker.sentences import FLAGGED, KINDS, normalise

DATA = Path(__file__).parent / "data"
L2 = 1e-2
STEPS = 400
RATE = 0.01
HIDDEN = 128
SEED = 20261205
FOLDS = 5
VERBOSE = False
FALSE_ALARM_TARGET = 0.06


def rows(name: str) -> list[dict[str, Any]]:
    path = DATA / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def split_of(ident: str) -> str:
    """A row's split, fixed by its id: a quarter of all rows are held out."""
    return "heldout" if int(hashlib.sha256(ident.encode()).hexdigest()[:8], 16) % 4 == 0 else "train"


def add(path: Path) -> int:
    """Append the rows of ``path`` to the data set they belong to, each with its split."""
    new = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_file: dict[str, list[dict[str, Any]]] = {}
    for row in new:
        name = "drafts.jsonl" if "label" in row else "incoming.jsonl" if "sentences" in row else "sentences.jsonl"
        by_file.setdefault(name, []).append(row)
    for name, added in by_file.items():
        target = DATA / name
        known = {r["id"] for r in rows(name)} if target.exists() else set()
        clash = [r["id"] for r in added if r["id"] in known]
        if clash:
            raise SystemExit(f"{path}: ids already in {name}: {', '.join(clash[:5])}")
        with target.open("a", encoding="utf-8") as out:
            for row in added:
                row["split"] = split_of(row["id"])
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{path} -> {name}: {len(added)} rows")
    return 0


def training_sentences(split: str) -> list[dict[str, Any]]:
    """Every labelled sentence of one split: those inside drafts and those on their own."""
    out = [
        {"text": s["text"], "kind": s["kind"], "asks": bool(s.get("asks"))}
        for d in rows("drafts.jsonl")
        if d["split"] == split
        for s in d["sentences"]
    ]
    out += [
        {"text": s["text"], "kind": s["kind"], "asks": bool(s.get("asks"))}
        for s in rows("sentences.jsonl")
        if s["split"] == split
    ]
    out += [  # messages from the other person: their sentences are labelled the same way
        {"text": s["text"], "kind": s["kind"], "asks": bool(s.get("asks"))}
        for m in rows("incoming.jsonl")
        if m["split"] == split
        for s in m["sentences"]
    ]
    return out


def inputs(texts: Sequence[str]) -> tuple[Any, Any]:
    embedder = embedding.embedder()
    if embedder is None:
        raise SystemExit(f"The model is not available: {embedding.unavailable_reason()}")
    clean = [normalise(t) for t in texts]
    extra = np.asarray([classify.features(t) for t in clean], dtype=np.float32)
    return embedder.embed(clean), extra


def _adam(grad_fn: Any, params: list[Any]) -> list[Any]:
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    for step in range(1, STEPS + 1):
        grads = grad_fn(params)
        for i, g in enumerate(grads):
            m[i] = 0.9 * m[i] + 0.1 * g
            v[i] = 0.999 * v[i] + 0.001 * g * g
            params[i] = params[i] - RATE * (m[i] / (1 - 0.9**step)) / (np.sqrt(v[i] / (1 - 0.999**step)) + 1e-8)
    return params


def fit(vectors: Any, extra: Any, kinds: Sequence[str], asks: Sequence[bool]) -> dict[str, Any]:
    x = np.hstack([vectors, extra]).astype(np.float64)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    x = (x - mean) / scale
    n, d = x.shape
    y = np.zeros((n, len(KINDS)))
    y[np.arange(n), [KINDS.index(k) for k in kinds]] = 1
    # Each kind weighs the same within its side, and the two sides (flagged or not) weigh the same.
    counts = y.sum(axis=0)
    side = np.asarray([0.5 / 2 if k in ("practical", "courtesy") else 0.5 / len(FLAGGED) for k in KINDS])
    weight = (y @ (side * n / np.maximum(counts, 1)))[:, None]

    def network_grads(params: list[Any]) -> list[Any]:
        w1, b1, w2, b2 = params
        hidden = np.maximum(x @ w1 + b1, 0)
        z = hidden @ w2 + b2
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        err = (p - y) * weight / n
        back = (err @ w2.T) * (hidden > 0)
        return [x.T @ back + L2 * w1, back.sum(axis=0), hidden.T @ err + L2 * w2, err.sum(axis=0)]

    rng = np.random.default_rng(SEED)
    w1, b1, w2, b2 = _adam(
        network_grads,
        [
            rng.normal(0, np.sqrt(2 / d), (d, HIDDEN)),
            np.zeros(HIDDEN),
            rng.normal(0, np.sqrt(1 / HIDDEN), (HIDDEN, len(KINDS))),
            np.zeros(len(KINDS)),
        ],
    )
    t = np.asarray(asks, dtype=np.float64)

    def asks_grads(params: list[Any]) -> list[Any]:
        aw, ab = params
        p = 1 / (1 + np.exp(-(x @ aw + ab)))
        err = (p - t) / n
        return [x.T @ err + L2 * aw, np.asarray([err.sum()])]

    aw, ab = _adam(asks_grads, [np.zeros(d), np.zeros(1)])
    return {
        "kinds": list(KINDS),
        "features": classify.FEATURES,
        "model_sha256": embedding.MODEL_SHA256,
        "mean": mean.round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "hidden_weights": w1.round(6).tolist(),
        "hidden_bias": b1.round(6).tolist(),
        "weights": w2.round(6).tolist(),
        "bias": b2.round(6).tolist(),
        "asks_weights": aw.round(6).tolist(),
        "asks_bias": float(ab[0]),
    }


def _labelled(items: Sequence[dict[str, Any]]) -> tuple[list[str], list[bool]]:
    return [s["kind"] for s in items], [bool(s.get("asks")) for s in items]


def tuned_thresholds(target_false_alarms: float = FALSE_ALARM_TARGET) -> tuple[float, float]:
    """The flag thresholds (drafts in English, drafts in other languages), chosen by cross-validation over
    the *training* drafts only: each fold's drafts are scored by a head fitted without them. For each, the
    highest F1 whose false alarms stay under the target wins (or, if none does, the fewest false alarms)."""
    drafts = [d for d in rows("drafts.jsonl") if d["split"] == "train"]
    alone = [s for s in rows("sentences.jsonl") if s["split"] == "train"]
    alone += [s for m in rows("incoming.jsonl") if m["split"] == "train" for s in m["sentences"]]
    sentences = [s for d in drafts for s in d["sentences"]]
    vectors, extra = inputs([s["text"] for s in sentences + alone])
    owner = np.asarray([i for i, d in enumerate(drafts) for _ in d["sentences"]] + [-1] * len(alone))
    fold_of = np.asarray([int(hashlib.sha256(d["id"].encode()).hexdigest()[8:16], 16) % FOLDS for d in drafts])
    kinds, asks = _labelled(sentences + alone)
    draft_score = np.zeros(len(drafts))
    for fold in range(FOLDS):
        held = np.isin(owner, np.flatnonzero(fold_of == fold))
        head = classify.Head.from_dict(
            fit(
                vectors[~held],
                extra[~held],
                [k for k, h in zip(kinds, held, strict=True) if not h],
                [a for a, h in zip(asks, held, strict=True) if not h],
            )
        )
        p, _ = head.predict(vectors[held], extra[held])
        for i, flagged in zip(owner[held], p[:, 2:].sum(axis=1), strict=True):
            draft_score[i] = max(draft_score[i], flagged)
    chosen = []
    for in_english in (True, False):
        group = [i for i, d in enumerate(drafts) if classify.english(d["text"]) == in_english]
        wanted = [drafts[i]["label"] == "review" for i in group]
        best, best_key = 0.5, (-1.0, 0.0)
        for t in np.arange(0.30, 0.991, 0.01):
            result = scores([draft_score[i] >= t for i in group], wanted)
            if VERBOSE:
                print(f"  {'en' if in_english else 'other'} {t:.2f} {result}")
            key = (
                (result["f1"], 0.0)
                if result["false_alarms"] <= target_false_alarms
                else (-1.0, -result["false_alarms"])
            )
            if key > best_key:
                best, best_key = float(round(t, 2)), key
        print(
            f"threshold {'in English' if in_english else 'other languages'}: {best} (cross-validated on "
            f"{len(group)} training drafts: F1 {best_key[0]})"
        )
        chosen.append(best)
    return chosen[0], chosen[1]


def scores(predicted: Sequence[Any], wanted: Sequence[Any]) -> dict[str, float]:
    predicted, wanted = [bool(p) for p in predicted], [bool(w) for w in wanted]
    tp = sum(p and w for p, w in zip(predicted, wanted, strict=True))
    fp = sum(p and not w for p, w in zip(predicted, wanted, strict=True))
    fn = sum(w and not p for p, w in zip(predicted, wanted, strict=True))
    negatives = sum(not w for w in wanted)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n": len(wanted),
        "f1": round(f1, 3),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "false_alarms": round(fp / negatives, 3) if negatives else 0.0,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="checker-train", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the trained head to model/head.json")
    parser.add_argument("--show-errors", action="store_true", help="print the held-out drafts it got wrong")
    parser.add_argument("--add", type=Path, nargs="+", help="add labelled rows to the data set (split by id)")
    args = parser.parse_args(argv)
    if args.add:
        for path in args.add:
            add(path)
        return 0

    train = training_sentences("train")
    print(f"training on {len(train)} sentences: {dict(Counter(s['kind'] for s in train))}")
    vectors, extra = inputs([s["text"] for s in train])
    fitted = fit(vectors, extra, [s["kind"] for s in train], [s["asks"] for s in train])
    fitted["threshold"], fitted["threshold_other"] = tuned_thresholds()
    head = classify.Head.from_dict(fitted)

    held = training_sentences("heldout")
    hv, he = inputs([s["text"] for s in held])
    p, asks_p = head.predict(hv, he)
    guess = [KINDS[i] for i, _ in head.kinds(p)]  # (sentences on their own: the English threshold)
    accuracy = np.mean([g == s["kind"] for g, s in zip(guess, held, strict=True)])
    print(f"held-out sentences ({len(held)}): kind accuracy {accuracy:.3f}")
    print("  flagged or not:", scores([g in FLAGGED for g in guess], [s["kind"] in FLAGGED for s in held]))
    print("  asks:", scores(list(asks_p >= 0.5), [s["asks"] for s in held]))

    if args.write:
        classify.HEAD.write_text(json.dumps(fitted, separators=(",", ":")) + "\n", encoding="utf-8")
        classify.installed_head.cache_clear()
        print(f"wrote {classify.HEAD}")
    return evaluate(show_errors=args.show_errors, head=head)


def evaluate(*, show_errors: bool = False, head: classify.Head | None = None) -> int:
    """Score whole drafts of the held-out split through the checker itself (the head in use, or ``head``)."""
    from nocontact.domain.checker.check import check_message

    drafts = [d for d in rows("drafts.jsonl") if d["split"] == "heldout"]
    with classify.using(head) if head is not None else nullcontext():
        verdicts = [check_message(d["text"]).verdict == "review" for d in drafts]
    wanted = [d["label"] == "review" for d in drafts]
    print(f"held-out drafts ({classify.engine() if head is None else 'model'}):", scores(verdicts, wanted))
    by_context: dict[str, tuple[list[bool], list[bool]]] = {}
    for d, v, w in zip(drafts, verdicts, wanted, strict=True):
        got, want = by_context.setdefault(d["context"] + ("" if d["lang"] == "en" else " (not English)"), ([], []))
        got.append(v)
        want.append(w)
    for name, (got, want) in sorted(by_context.items()):
        print(f"  {name}:", scores(got, want))
    if show_errors:
        for d, v, w in zip(drafts, verdicts, wanted, strict=True):
            if v != w:
                print(f"  {'FALSE ALARM' if v else 'MISSED'} {d['id']}: {d['text'][:160]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
