"""Local wall-clock times to UTC seconds, quickly: the zone's offset is looked up once per local hour."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


class LocalClock:
    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self._hours: dict[tuple[int, int, int, int], int] = {}

    def epoch(self, year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> int:
        key = (year, month, day, hour)
        base = self._hours.get(key)
        if base is None:
            base = int(datetime(year, month, day, hour, tzinfo=self.tz).timestamp())
            self._hours[key] = base
        return base + minute * 60 + second
