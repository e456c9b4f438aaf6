"""BERT's uncased WordPiece tokenizer, as all-MiniLM-L6-v2 was trained with it.

The steps and their order are BERT's (and Hugging Face ``tokenizers``' ``BertNormalizer``,
``BertPreTokenizer`` and ``WordPiece``): drop control characters, space out CJK ideographs, lowercase and
strip accents, split on white space and punctuation, then take each word's longest pieces found in the
vocabulary (``##`` marks a piece inside a word). A test holds our ids against ids ``tokenizers`` gave.

Written here rather than depending on ``tokenizers``: that package brings a Hugging Face Hub client and
its transfer library (about 35 MB, and a network client this app must never call) for these 80 lines.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

VOCAB = Path(__file__).parent / "model" / "vocab.txt"
CLS, SEP, PAD, UNK = "[CLS]", "[SEP]", "[PAD]", "[UNK]"
MAX_WORD_CHARS = 100


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True  # ASCII symbols count as punctuation too ("$", "^", "`")
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _normalise(text: str) -> str:
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        cat = unicodedata.category(ch)
        if ch in "\t\n\r" or cat == "Zs":
            out.append(" ")
        elif cat.startswith("C"):
            continue
        elif _is_cjk(cp):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    lowered = "".join(out).lower()
    return "".join(c for c in unicodedata.normalize("NFD", lowered) if unicodedata.category(c) != "Mn")


def _words(text: str) -> list[str]:
    words: list[str] = []
    for chunk in _normalise(text).split():
        current = ""
        for ch in chunk:
            if _is_punctuation(ch):
                if current:
                    words.append(current)
                    current = ""
                words.append(ch)
            else:
                current += ch
        if current:
            words.append(current)
    return words


class WordPiece:
    def __init__(self, vocab: Sequence[str]) -> None:
        self.ids = {piece: i for i, piece in enumerate(vocab)}
        self.cls, self.sep, self.pad, self.unk = (self.ids[t] for t in (CLS, SEP, PAD, UNK))

    def _pieces(self, word: str) -> list[int]:
        if len(word) > MAX_WORD_CHARS:
            return [self.unk]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    pieces.append(self.ids[piece])
                    break
                end -= 1
            else:
                return [self.unk]  # one part of the word is unknown: the whole word is
            start = end
        return pieces

    def encode(self, text: str, max_length: int = 128) -> list[int]:
        """The ids for one sentence, with [CLS] before and [SEP] after, cut to ``max_length``."""
        ids = [i for word in _words(text) for i in self._pieces(word)]
        return [self.cls, *ids[: max_length - 2], self.sep]


@cache
def tokenizer() -> WordPiece:
    return WordPiece(VOCAB.read_text(encoding="utf-8").splitlines())
