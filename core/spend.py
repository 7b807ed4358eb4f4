"""The daily spend guard: paid guessers rest once today's recorded spend reaches the budget."""
from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Callable

REFRESH_SECONDS = 5.0


def day_start(now: float) -> float:
    """The Unix time of the UTC midnight that begins the day containing `now`."""
    d = dt.datetime.fromtimestamp(now, tz=dt.timezone.utc).date()
    return dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc).timestamp()


class SpendGuard:
    """Answers "may a paid guesser be called now?" from the database, re-read every few seconds."""

    def __init__(self, spent_since: Callable[[float], float], budget_usd: float,
                 clock: Callable[[], float] = time.time, refresh: float = REFRESH_SECONDS):
        self.spent_since = spent_since
        self.budget_usd = budget_usd
        self.clock = clock
        self.refresh = refresh
        self._lock = threading.Lock()
        self._day = -1.0
        self._base = 0.0
        self._extra = 0.0
        self._read_at = -1e18

    def spent_today(self) -> float:
        """Dollars spent since UTC midnight, as recorded plus what was added since the last read."""
        now = self.clock()
        with self._lock:
            day = day_start(now)
            if day != self._day or now - self._read_at >= self.refresh:
                self._base = self.spent_since(day)
                self._extra = 0.0
                self._day = day
                self._read_at = now
            return self._base + self._extra

    def add(self, cost_usd: float) -> None:
        """Count a cost at once, before the writer thread has stored its row."""
        with self._lock:
            self._extra += max(0.0, cost_usd)

    def allowed(self) -> bool:
        """True while today's spend is under the budget."""
        return self.spent_today() < self.budget_usd
