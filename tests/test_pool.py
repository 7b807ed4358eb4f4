"""The guesser pool: newest frame only, never twice, stale replies never win, faults stay local."""
from __future__ import annotations

import time
from dataclasses import replace
from functools import partial

import pytest
from conftest import settle
from conftest import wait_for as shared_wait_for
from scripted import ScriptedGuesser

from core.guessers.base import GuessResult, ProviderUnavailable, RateLimited
from core.images import BadImage
from core.pool import GameNotRunning, GuesserPool, PoolSettings
from core.schedule import GuessSchedule
from core.spend import SpendGuard
from core.words import Word

CAT = Word("cat")
SMALL = PoolSettings(timeout=2.0)  # every changed frame at once


@pytest.fixture
def make_pool(recorder, store):
    pools = []

    def make(guessers, settings: PoolSettings = SMALL, **collaborators):
        pool = GuesserPool(guessers, recorder, settings, **collaborators)
        pools.append(pool)
        return pool

    yield make
    for p in pools:
        p.close()


def seed_game(store, game_id="g1", word="cat"):
    store.touch_player("player-0001", 0.0)
    store.insert_game({"id": game_id, "word": word, "player_id": "player-0001", "status": "active",
                       "started_at": time.time(), "game_seconds": 45})


wait_for = partial(shared_wait_for, every=0.005)


def test_unchanged_frame_is_not_resent(make_pool, store, recorder, frames):
    g = ScriptedGuesser("a", [(0.0, "dog")])
    pool = make_pool([g])
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: len(g.calls) == 1)
    for _ in range(5):
        pool.submit_frame("g1", frames(1))
    settle(pool)
    assert pool.stats.frames_unchanged == 5 and pool.stats.calls == 1 and len(g.calls) == 1
    assert recorder.flush()
    assert store.count("frames") == 1


def test_only_newest_frame_is_sent_when_frames_outpace_the_guesser(make_pool, store, frames):
    g = ScriptedGuesser("slow", [(0.3, "dog")])
    pool = make_pool([g])
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: len(g.calls) == 1)
    for n in range(2, 8):  # six frames while the first call is in flight
        pool.submit_frame("g1", frames(n))
    assert wait_for(lambda: len(pool.snapshot("g1").guesses) == 2, timeout=3)  # the second reply is in
    settle(pool)  # and the guess loop has moved on from it: to a third call, or to waiting
    assert pool.stats.calls == 2 and len(g.calls) == 2, "only the newest of the six frames is guessed"
    assert g.calls[1].png == frames(7)
    assert g.max_in_flight == 1


def test_every_changed_frame_is_stored_in_order(make_pool, store, recorder, frames):
    pool = make_pool([ScriptedGuesser("a", [(0.05, "dog")])])
    seed_game(store)
    pool.start_game("g1", CAT)
    for n in (1, 2, 2, 3, 3, 3, 4):
        pool.submit_frame("g1", frames(n))
    settle(pool)
    assert recorder.flush()
    rows = store.game_frames("g1")
    assert [r["seq"] for r in rows] == [1, 2, 3, 4]
    assert [r["png"] for r in rows] == [frames(n) for n in (1, 2, 3, 4)]
    assert rows[0]["width"] == 64 and rows[0]["height"] == 64


def test_min_interval_spaces_calls(make_pool, store, recorder, frames):
    g = ScriptedGuesser("a", [(0.0, "dog")])
    timings = []
    pool = make_pool([g], replace(SMALL, schedule=GuessSchedule.every_frame(0.3)), on_timing=timings.append)
    seed_game(store)
    pool.start_game("g1", CAT)
    for n in range(1, 5):  # each frame comes as soon as the last one is guessed: sooner than the interval
        pool.submit_frame("g1", frames(n))
        assert wait_for(lambda: len(g.calls) >= n, timeout=2)
    pool.end_game("g1")
    assert pool.wait_idle("g1") and recorder.flush()
    # The pool's own clock, not the test's: each call became due 0.3 s after the last one began, and began then.
    calls = sorted(timings, key=lambda t: t.started)[:4]
    assert len(calls) == 4
    assert all(b.eligible - a.eligible >= 0.3 for a, b in zip(calls, calls[1:])), [t.eligible for t in calls]
    assert all(t.started >= t.eligible for t in calls)


def test_correct_guess_wins_and_cancels_in_flight_calls(make_pool, store, recorder, frames):
    fast = ScriptedGuesser("fast", [(0.05, "It's a **cat**!")])
    slow = ScriptedGuesser("slow", [(5.0, "dog")])
    claims = []
    pool = make_pool([fast, slow], referee=lambda gid, who, at: claims.append((gid, who)) or True)
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert pool.wait_idle("g1", timeout=3)
    snap = pool.snapshot("g1")
    assert snap.winner == "fast" and not snap.active
    assert claims == [("g1", "fast")]
    assert slow.calls and slow.calls[0].cancelled
    assert recorder.flush()
    rows = {r["guesser"]: r for r in store.game_guesses("g1")}
    assert rows["fast"]["won"] == 1 and rows["fast"]["correct"] == 1
    assert rows["fast"]["normalized"] == "its cat"
    assert rows["slow"]["error"].startswith("cancelled") and rows["slow"]["stale"] == 1


def test_reply_after_the_game_ended_never_wins(make_pool, store, recorder, frames):
    g = ScriptedGuesser("late", [(0.3, "cat")], ignore_cancel=True)
    claims = []
    pool = make_pool([g], referee=lambda *a: claims.append(a) or True)
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: len(g.calls) == 1)
    pool.end_game("g1")  # time ran out while the call was in flight
    assert pool.wait_idle("g1", timeout=3)
    assert claims == []
    assert recorder.flush()
    (row,) = store.game_guesses("g1")
    assert row["won"] == 0 and row["stale"] == 1


def test_reply_past_the_timeout_never_wins(make_pool, store, recorder, frames):
    g = ScriptedGuesser("stubborn", [(0.4, "cat")], ignore_cancel=True)
    claims = []
    pool = make_pool([g], replace(SMALL, timeout=0.1), referee=lambda *a: claims.append(a) or True)
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: pool.snapshot("g1").guesses, timeout=3)
    assert claims == []
    view = pool.snapshot("g1").guesses[0]
    assert view.correct and view.stale and not view.won


def test_referee_refusal_makes_a_correct_reply_stale(make_pool, store, recorder, frames):
    g = ScriptedGuesser("a", [(0.0, "cat")])
    pool = make_pool([g], referee=lambda *a: False)
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: pool.snapshot("g1").guesses)
    view = pool.snapshot("g1").guesses[0]
    assert view.correct and not view.won and view.stale
    assert pool.snapshot("g1").active


def test_failing_or_hanging_guesser_does_not_stop_the_others(make_pool, store, recorder, frames):
    broken = ScriptedGuesser("broken", [(0.0, ProviderUnavailable("529 overloaded"))])
    crashing = ScriptedGuesser("crashing", [(0.0, ZeroDivisionError("boom"))])
    hanging = ScriptedGuesser("hanging", [(60.0, "cat")])
    good = ScriptedGuesser("good", [(0.05, "dog"), (0.05, "cat")])
    pool = make_pool([broken, crashing, hanging, good], replace(SMALL, timeout=0.3))
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: {v.guesser for v in pool.snapshot("g1").guesses} >= {"broken", "crashing", "good"}), \
        "the first frame's replies and errors are in, the hanging call still out"
    pool.submit_frame("g1", frames(2))
    assert pool.wait_idle("g1", timeout=5)
    assert pool.snapshot("g1").winner == "good"
    assert recorder.flush()
    errors = {r["guesser"]: r["error"] for r in store.game_guesses("g1") if r["error"]}
    assert "529 overloaded" in errors["broken"]
    assert errors["crashing"] == "unexpected ZeroDivisionError"


def test_timeout_is_recorded_and_the_guesser_goes_on(make_pool, store, recorder, frames):
    g = ScriptedGuesser("sleepy", [(1.0, "dog"), (0.0, "cat")])
    pool = make_pool([g], replace(SMALL, timeout=0.1))
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: pool.snapshot("g1").guesses)
    pool.submit_frame("g1", frames(2))
    assert pool.wait_idle("g1", timeout=3)
    assert recorder.flush()
    rows = store.game_guesses("g1")
    assert rows[0]["error"] == "timeout after 0.1s"
    assert rows[1]["won"] == 1


def test_rate_limit_pauses_only_that_guesser(make_pool, store, recorder, frames):
    limited = ScriptedGuesser("limited", [(0.0, RateLimited("429", retry_after=30)), (0.0, "cat")])
    other = ScriptedGuesser("other", [(0.0, "dog")])
    timings = []
    pool = make_pool([limited, other], replace(SMALL, retry_after_cap=0.5), on_timing=timings.append)
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: len(limited.calls) == 1 and len(other.calls) == 1)
    pool.submit_frame("g1", frames(2))
    assert wait_for(lambda: len(other.calls) == 2)
    assert wait_for(lambda: len(limited.calls) == 2, timeout=2), "it guesses again once the pause is over"
    assert pool.wait_idle("g1") and recorder.flush()
    health = pool.health_snapshot()
    first, second = sorted((t for t in timings if t.guesser == "limited"), key=lambda t: t.started)
    assert health["limited"].paused_until == pytest.approx(first.replied + 0.5), "Retry-After 30, capped at 0.5 s"
    assert second.started >= health["limited"].paused_until, "no call while paused"
    assert health["other"].blocked_until() == 0, "the other guesser never paused"


def test_repeated_failures_rest_the_guesser(make_pool, store, recorder, frames):
    g = ScriptedGuesser("flaky", [(0.0, ProviderUnavailable("500"))])
    timings = []
    pool = make_pool([g], replace(SMALL, failures_before_cooldown=2, cooldown_seconds=30),
                     on_timing=timings.append)
    seed_game(store)
    pool.start_game("g1", CAT)
    for n in (1, 2):
        pool.submit_frame("g1", frames(n))
        assert wait_for(lambda: len(pool.snapshot("g1").guesses) == n)
    for n in (3, 4, 5):
        pool.submit_frame("g1", frames(n))
    settle(pool)  # the guess loop has seen the newest frame: resting, it makes no call
    assert pool.stats.calls == 2 and len(g.calls) == 2
    assert recorder.flush()
    second = max(timings, key=lambda t: t.started)
    assert pool.health_snapshot()["flaky"].cooldown_until == pytest.approx(second.replied + 30)


def test_refusal_is_recorded_never_as_a_guess(make_pool, store, recorder, frames):
    g = ScriptedGuesser("prude", [(0.0, GuessResult(None, 50, 3, refused=True, refusal_reason="SAFETY"))])
    pool = make_pool([g])
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: pool.snapshot("g1").guesses)
    assert recorder.flush()
    (row,) = store.game_guesses("g1")
    assert row["refused"] == 1 and row["text"] is None and row["error"] == "refused: SAFETY"
    assert row["input_tokens"] == 50 and row["correct"] == 0


def test_pass_writes_no_guess_row(make_pool, store, recorder, frames):
    g = ScriptedGuesser("shy", [(0.0, None)])
    pool = make_pool([g])
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: pool.stats.passes == 1)
    assert recorder.flush()
    assert store.game_guesses("g1") == []


def test_prompt_carries_every_guessers_past_guesses(make_pool, store, frames):
    a = ScriptedGuesser("a", [(0.0, "banana")])
    b = ScriptedGuesser("b", [(0.1, "apple")])
    pool = make_pool([a, b])
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: len(pool.snapshot("g1").guesses) == 2)
    pool.submit_frame("g1", frames(2))
    assert wait_for(lambda: len(a.calls) == 2 and len(b.calls) == 2)
    assert set(a.calls[1].past) == {"banana", "apple"}
    assert set(b.calls[1].past) == {"banana", "apple"}


def test_the_room_s_wrong_guesses_reach_the_models_as_the_newest_30_each_once(make_pool, store, frames):
    a = ScriptedGuesser("a", [(0.0, "banana")])
    pool = make_pool([a])
    seed_game(store)
    pool.start_game("g1", CAT)
    room = [f"guess {n}" for n in range(5000)] + ["Guess 4990!", "a cat or a dog"]  # a repeat, one naming the word
    for start in range(0, len(room), 100):  # as the lobby hands them over, a pass at a time
        pool.add_past("g1", room[start:start + 100])
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: len(a.calls) == 1)
    assert a.calls[0].past == tuple(f"guess {n}" for n in range(4970, 5000)), "the newest 30, once each, in order"


def test_paid_guessers_rest_when_the_budget_is_spent(make_pool, store, frames):
    paid = ScriptedGuesser("paid", [(0.0, "dog")], paid=True)
    free = ScriptedGuesser("free", [(0.0, "dog")])
    pool = make_pool([paid, free], spend=SpendGuard(lambda day: 0.0, budget_usd=0.0))
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: len(free.calls) == 1)
    assert wait_for(lambda: pool.snapshot("g1").notes), "the paid guesser's loop has seen the frame"
    assert "daily budget reached" in pool.snapshot("g1").notes[0]
    assert paid.calls == [] and pool.stats.skipped_for_budget >= 1


def test_cost_is_unknown_not_zero_when_the_model_is_not_priced(make_pool, store, recorder, frames):
    g = ScriptedGuesser("a", [(0.0, "dog")], model="mystery-model")
    prices = {"scripted": (1.0, 1.0)}
    cost = lambda model, i, o: (i * prices[model][0] + o * prices[model][1]) / 1e6 if model in prices else None  # noqa: E731
    pool = make_pool([g], cost=cost)
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: pool.snapshot("g1").guesses)
    assert recorder.flush()
    (row,) = store.game_guesses("g1")
    assert row["cost_usd"] is None and row["input_tokens"] == 10


def test_frames_for_unknown_games_or_bad_bytes_are_refused(make_pool, store, frames):
    pool = make_pool([ScriptedGuesser("a")])
    with pytest.raises(GameNotRunning):
        pool.submit_frame("nope", frames(1))
    seed_game(store)
    pool.start_game("g1", CAT)
    for bad in (b"", b"GIF89a....", b"\x89PNG\r\n\x1a\n" + b"\x00" * 4):
        with pytest.raises(BadImage):
            pool.submit_frame("g1", bad)


def test_twenty_games_with_three_guessers_write_every_guess_once(make_pool, store, recorder, frames):
    guessers = [ScriptedGuesser(f"g{i}", [(0.01 * (i + 1), "dog")]) for i in range(3)]
    pool = make_pool(guessers)
    store.touch_player("player-0001", 0.0)
    ids = [f"game{n:02d}" for n in range(20)]
    for gid in ids:
        store.insert_game({"id": gid, "word": "cat", "player_id": "player-0001", "status": "active",
                           "started_at": 0.0, "game_seconds": 45})
        pool.start_game(gid, CAT)
    for n in range(1, 4):  # each round, every guesser guesses every game's new frame
        for gid in ids:
            pool.submit_frame(gid, frames(n))
        assert wait_for(lambda: all(len(g.calls) >= 20 * n for g in guessers), timeout=5)
    for gid in ids:
        pool.submit_frame(gid, frames(9))  # and one more frame, whose calls the end cancels (also rows)
    for gid in ids:
        pool.end_game(gid)
    for gid in ids:
        assert pool.wait_idle(gid)
    assert recorder.flush()
    seen = sum(len(pool.snapshot(gid).guesses) for gid in ids)
    rows = list(store.query("SELECT game_id, guesser, frame_seq, COUNT(*) AS n FROM guesses "
                               "GROUP BY game_id, guesser, frame_seq"))
    assert seen == store.count("guesses") >= 180
    assert all(r["n"] == 1 for r in rows), "one row per (game, guesser, frame)"
    assert recorder.stats.dropped == 0


def test_a_paid_guesser_follows_the_schedule_to_its_cap_and_a_free_one_is_exempt(make_pool, store, frames):
    paid = ScriptedGuesser("paid", [(0.0, "dog")] * 20, paid=True)
    free = ScriptedGuesser("free", [(0.0, "dog")] * 20)
    schedule = GuessSchedule(min_interval=0.0, fast_guesses=2, growth=1.0, max_interval=0.0, min_new_ink=0.5,
                             max_guesses=3)
    pool = make_pool([paid, free], replace(SMALL, schedule=schedule))
    seed_game(store)
    pool.start_game("g1", CAT)
    for n, ink in enumerate([100, 200, 210, 400, 900, 2000], start=1):  # 210: under half again as much ink
        pool.submit_frame("g1", frames(n), ink=ink)
        assert wait_for(lambda: len(free.calls) == n)
    settle(pool)
    assert pool.stats.calls == 9 and len(paid.calls) == 3, \
        "two fast guesses, then only a frame with enough new ink, then the cap"
    assert len(free.calls) == 6


def test_a_game_twice_the_standard_length_lets_a_paid_guesser_guess_twice_as_often(make_pool, store, frames):
    paid = ScriptedGuesser("paid", [(0.0, "dog")] * 20, paid=True)
    free = ScriptedGuesser("free", [(0.0, "dog")] * 20)
    schedule = GuessSchedule(min_interval=0.0, fast_guesses=20, growth=1.0, max_interval=0.0, max_guesses=3)
    pool = make_pool([paid, free], replace(SMALL, schedule=schedule))
    seed_game(store)
    pool.start_game("g1", CAT, length=2.0)
    for n in range(1, 9):
        pool.submit_frame("g1", frames(n), ink=100 * 2 ** n)
        assert wait_for(lambda: len(free.calls) == n)
    settle(pool)
    assert len(paid.calls) == 6, "the cap of 3 a standard game, doubled"


def test_frames_faster_than_the_frame_interval_keep_the_first_and_the_last(make_pool, store, recorder, frames):
    g = ScriptedGuesser("a", [(0.0, "dog")] * 5)
    pool = make_pool([g], replace(SMALL, frame_interval=1.0))
    seed_game(store)
    pool.start_game("g1", CAT)
    for n in (1, 2, 3):
        pool.submit_frame("g1", frames(n))
    settle(pool)
    assert recorder.flush()
    assert store.count("frames") == 1, "the first goes in at once"
    assert wait_for(lambda: recorder.flush() and store.count("frames") == 2, timeout=3)
    assert store.game_frames("g1")[-1]["png"] == frames(3), "the trailing edge is the last stroke"


def test_a_cleared_canvas_is_kept_but_never_guessed(make_pool, store, recorder, frames):
    g = ScriptedGuesser("a", [(0.0, "dog")] * 5)
    pool = make_pool([g])
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.submit_frame("g1", frames(1), ink=40)
    assert wait_for(lambda: len(g.calls) == 1)
    pool.submit_frame("g1", frames(2), ink=0)  # undone or cleared to nothing
    settle(pool)  # the guess loop has seen it
    assert recorder.flush()
    assert pool.stats.calls == 1 and len(g.calls) == 1 and store.count("frames") == 2


def test_a_game_this_pool_just_ended_is_not_resumed_from_a_stale_read(make_pool, store, frames):
    from core.pool import Resume
    paid = ScriptedGuesser("paid", [(0.0, "dog")] * 5, paid=True)
    pool = make_pool([paid])
    seed_game(store)
    pool.start_game("g1", CAT)
    pool.end_game("g1")  # a player quit; a sync that read "g1" as running before that now tries to resume it
    pool.start_game("g1", CAT, resume=Resume(seq=1, png=frames(1), past=(), history={}))
    settle(pool)
    assert not pool.is_running("g1") and paid.calls == [], "no second run of the game, no call on its old frame"


def test_the_revision_moves_whenever_who_is_thinking_changes(make_pool, store, frames):
    g = ScriptedGuesser("slow", [(0.3, "dog")])
    pool = make_pool([g])
    seed_game(store)
    before = pool.revision
    pool.start_game("g1", CAT)
    started = pool.revision
    assert started != before, "a game the pool now knows"
    pool.submit_frame("g1", frames(1))
    assert wait_for(lambda: pool.snapshot("g1").thinking == ("slow",))
    thinking = pool.revision
    assert thinking != started
    assert wait_for(lambda: pool.snapshot("g1").thinking == () and pool.snapshot("g1").guesses)
    assert pool.revision != thinking, "live views gated on the revision (core.push) see the reply's end too"
