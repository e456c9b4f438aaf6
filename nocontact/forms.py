"""What every form here shares."""

from __future__ import annotations

from typing import Any


class CalmLabels:
    """Labels without Django's trailing colon: they read as plain questions, and match accessible names."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
