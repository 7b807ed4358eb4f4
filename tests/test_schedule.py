"""The guess schedule's cost policy as pure functions: given frames and times, which are sent."""
from __future__ import annotations

import pytest

from core.schedule import GuessSchedule, Seen, after_guess, changed_enough, next_guess_at

POLICY = GuessSchedule(min_interval=1.0, fast_guesses=3, growth=2.0, max_interval=8.0, min_new_ink=0.15,
                       max_guesses=7)


def replay(policy: GuessSchedule, frames: list[tuple[float, int]], free: bool = False, latency: float = 0.0,
           game_seconds: float = 45.0) -> list[float]:
    """When a guesser following `policy` calls, given (time, ink) of each new frame, as the pool would."""
    seen, calls, i, newest = Seen(), [], 0, None
    t = 0.0
    while t <= game_seconds:
        while i < len(frames) and frames[i][0] <= t:
            newest, i = frames[i], i + 1
        if newest is not None:
            at = next_guess_at(policy, seen, newest[1], free)
            if at is None:
                newest = None  # passed over: wait for a newer frame
            elif at <= t:
                calls.append(round(t, 2))
                seen = after_guess(seen, t, newest[1])
                newest = None
                t += latency
                continue
        t = round(t + 0.05, 2)
    return calls


@pytest.mark.parametrize("calls, spacing", [(0, 1.0), (1, 1.0), (2, 1.0), (3, 2.0), (4, 4.0), (5, 8.0), (6, 8.0),
                                            (9, 8.0)])
def test_the_spacing_grows_after_the_fast_guesses_up_to_its_ceiling(calls, spacing):
    assert POLICY.spacing(calls) == spacing


def test_early_frames_go_out_at_once_then_the_spacing_grows():
    frames = [(t, 1000 * (k + 1) ** 2) for k, t in enumerate([0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 9.0, 14.0, 22.0, 40.0])]
    assert replay(POLICY, frames) == [0.5, 1.5, 2.5, 4.5, 8.5, 16.5, 24.5]


def test_a_paid_guesser_stops_at_its_cap_however_long_the_player_draws():
    frames = [(t * 0.5, 100 * (t + 1) ** 2) for t in range(90)]  # a stroke every half second, all game
    calls = replay(POLICY, frames)
    assert len(calls) == POLICY.max_guesses


def test_a_frame_with_little_new_ink_waits_one_doubling_more_never_forever():
    frames = [(0.0, 1000), (1.0, 1300), (2.0, 1700), (2.5, 1750)]
    # Three fast guesses; then 1750 is only 3% more than 1700: it waits 4 s instead of 2 s, but it is guessed.
    assert replay(POLICY, frames) == [0.0, 1.0, 2.0, 6.0]


def test_erasing_counts_as_a_change():
    assert changed_enough(2000, 1500, 0.15) and changed_enough(2000, 0, 0.15)
    assert not changed_enough(2000, 2100, 0.15) and changed_enough(None, 5, 0.15) and changed_enough(5, None, 0.15)


def test_the_offline_guesser_is_exempt_it_guesses_every_changed_frame():
    frames = [(t * 0.5, 1000 + t) for t in range(90)]  # tiny changes, all game
    calls = replay(POLICY, frames, free=True)
    assert len(calls) >= 40 and all(b - a >= 0.99 for a, b in zip(calls, calls[1:]))


@pytest.mark.parametrize("seen, ink, free, expected", [
    (Seen(), 10, False, 0.0),
    (Seen(calls=1, last_at=5.0, last_ink=10), 15, False, 6.0),
    (Seen(calls=3, last_at=5.0, last_ink=100), 110, False, 9.0),  # a small change waits twice as long
    (Seen(calls=3, last_at=5.0, last_ink=100), 120, False, 7.0),
    (Seen(calls=4, last_at=5.0, last_ink=100), 150, False, 9.0),
    (Seen(calls=4, last_at=5.0, last_ink=100), 105, False, 13.0),  # ... up to max_interval
    (Seen(calls=7, last_at=5.0, last_ink=100), 900, False, None),
    (Seen(calls=7, last_at=5.0, last_ink=100), 900, True, 6.0),
    (Seen(calls=4, last_at=5.0, last_ink=100), None, False, 9.0),  # no ink known: counts as changed
])
def test_next_guess_time_table(seen, ink, free, expected):
    assert next_guess_at(POLICY, seen, ink, free) == expected


def test_a_guess_is_remembered_with_its_frames_ink():
    seen = after_guess(after_guess(Seen(), 1.0, 50), 2.5, None)
    assert seen == Seen(calls=2, last_at=2.5, last_ink=50)


@pytest.mark.parametrize("length, cap", [(1.0, 7), (0.5, 7), (4 / 3, 10), (2.0, 14), (1000.0, 140)])
def test_a_longer_game_raises_the_cap_in_proportion_and_a_shorter_one_never_lowers_it(length, cap):
    assert POLICY.cap_for(length) == cap


def test_a_game_cap_given_replaces_the_schedules_own():
    seen = Seen(calls=7, last_at=10.0, last_ink=100)
    assert next_guess_at(POLICY, seen, 5000, free=False) is None
    assert next_guess_at(POLICY, seen, 5000, free=False, cap=14) == 18.0
    assert GuessSchedule.every_frame().cap_for(3.0) == GuessSchedule.every_frame().max_guesses
