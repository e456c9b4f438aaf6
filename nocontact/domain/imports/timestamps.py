"""Local wall-clock hours to UTC seconds: the zone's offset is looked up once per local hour."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


class LocalClock:
    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz

    def hour_start(self, year: int, month: int, day: int, hour: int) -> int:
        """UTC seconds at the start of this local hour (the first of two, when clocks go back)."""
        if not 0 <= hour <= 23:
            raise ValueError("hour out of range")
        return int(datetime(year, month, day, hour, tzinfo=self.tz).timestamp())
