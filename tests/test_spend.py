"""The spend guard: paid calls stop when today's spend reaches the budget, and resume tomorrow."""
from __future__ import annotations

import pytest

from core.spend import SpendGuard, day_start

DAY = 86400.0


@pytest.mark.parametrize("now, start", [(0.0, 0.0), (DAY - 1, 0.0), (DAY, DAY), (3.5 * DAY, 3 * DAY)])
def test_day_starts_at_utc_midnight(now, start):
    assert day_start(now) == start


def test_guard_closes_at_the_budget_and_reopens_the_next_day():
    clock = [10 * DAY + 100]
    rows = [(10 * DAY + 50, 2.0), (9 * DAY + 10, 50.0)]
    spent_since = lambda t: sum(c for at, c in rows if at >= t)  # noqa: E731
    guard = SpendGuard(spent_since, budget_usd=3.0, clock=lambda: clock[0], refresh=5)
    assert guard.spent_today() == 2.0 and guard.allowed()
    guard.add(1.0)  # counted before its row is written
    assert not guard.allowed()
    clock[0] = 11 * DAY + 1
    assert guard.spent_today() == 0.0 and guard.allowed()


def test_zero_budget_never_allows_paid_calls():
    assert not SpendGuard(lambda t: 0.0, budget_usd=0.0, clock=lambda: 5.0).allowed()
