"""The byte-level JSON guard agrees with a real parser on any document cut into any chunks."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nocontact.domain.imports.guard import GuardedJSON, Limits
from nocontact.domain.imports.records import ImportFailed

# Text full of the characters the guard looks at: quotes, backslashes, brackets, digits.
TEXT = st.text(alphabet=st.sampled_from(list('ab"\\[]{}0123456789 \n\u00e9😊')), max_size=12)
DOCS = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=40,
)


def depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    return 0


def read_all(data: bytes, limits: Limits, sizes: list[int]) -> GuardedJSON:
    guard = GuardedJSON(io.BytesIO(data), limits)
    for size in sizes * (len(data) + 1):
        if not guard.read(size):
            break
    while guard.read(4096):
        pass
    return guard


@settings(max_examples=300, deadline=None)
@given(DOCS, st.booleans(), st.lists(st.integers(1, 7), min_size=1, max_size=5), st.integers(1, 6))
def test_depth_is_counted_exactly_whatever_the_strings_hold_and_wherever_the_chunks_end(doc, ascii, sizes, most):
    data = json.dumps(doc, ensure_ascii=ascii).encode()
    limits = Limits(depth=most)
    if depth(doc) > most:
        with pytest.raises(ImportFailed, match="nests more than"):
            read_all(data, limits, sizes)
    else:
        guard = read_all(data, limits, sizes)
        assert guard.depth == 0
        assert not guard.in_string


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 40), st.lists(st.integers(1, 9), min_size=1, max_size=4))
def test_a_long_string_or_number_is_refused_wherever_the_chunks_end(extra, sizes):
    limits = Limits(field=50)
    ok = json.dumps({"a": "x" * 49, "b": "y\\" * 10}).encode()
    read_all(ok, limits, sizes)
    with pytest.raises(ImportFailed, match="longer than 50 bytes"):
        read_all(json.dumps({"a": "x" * (50 + extra)}).encode(), limits, sizes)
    with pytest.raises(ImportFailed, match="longer than 1000 digits"):
        read_all(b'{"a": ' + b"7" * (1000 + extra) + b"}", Limits(), sizes)
    read_all(json.dumps({"a": "7" * (1000 + extra)}).encode(), Limits(), sizes)  # digits in text are only text
