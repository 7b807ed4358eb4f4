"""The room plays too: people's guesses are judged, refereed and stored as a model's are, on both engines."""
from __future__ import annotations

import random
import threading
import time
from contextlib import contextmanager

import pytest
from conftest import wait_for
from hypothesis import given, settings
from hypothesis import strategies as st
from scripted import ScriptedGuesser

from core.audience import (
    MAX_GUESS_CHARS,
    AddressSlowDown,
    Audience,
    AudienceSettings,
    GameOver,
    GuessRefused,
    NeedNickname,
    NotGuessable,
    OwnGame,
    SlowDown,
    clean_guess,
)
from core.lobby import Lobby, LobbySettings, Referee
from core.moderation import PlayerResting
from core.play import result_summary
from core.pool import GuesserPool, PoolSettings
from core.recorder import Recorder
from core.words import Word

WORDS = (Word("cat", ("kitten",)), Word("dog"), Word("sun"))
DRAWER = "drawer-00001"


@pytest.fixture
def arena(db_store, frames):
    """A lobby, a pool with a slow scripted model, and the audience, on each engine; one game running."""
    recorder = Recorder(db_store, retry_delays=(0.01,))
    model = ScriptedGuesser("Model", [(0.3, "banana")] * 50)
    referee = Referee(db_store)
    pool = GuesserPool([model], recorder, PoolSettings(timeout=5.0), referee=referee.claim_win)
    lobby = Lobby(db_store, pool, WORDS, LobbySettings(max_games=2, game_seconds=300), referee=referee,
                  rng=random.Random(2))
    audience = Audience(db_store, lobby, pool)
    seat = lobby.join(DRAWER, now=time.time())
    pool.submit_frame(seat.game_id, frames(1))
    for n, name in enumerate(("Maya", "Sam", "Robin")):
        db_store.touch_player(f"person-{n:05d}", time.time())
        db_store.set_nickname(f"person-{n:05d}", name)
    yield db_store, lobby, pool, audience, seat, model
    lobby.close()
    pool.close()
    recorder.close()




def test_a_wrong_guess_is_stored_like_a_guess_and_joins_the_models_already_guessed_list(arena, frames):
    store, lobby, pool, audience, seat, model = arena
    assert wait_for(lambda: store.latest_frame_meta(seat.game_id))
    out = audience.guess(seat.game_id, "person-00000", "  a <b>red</b>\u200b balloon ", now=time.time())
    assert (out.text, out.correct, out.won) == ("a <b>red</b> balloon", False, False)
    row = next(g for g in store.game_guesses(seat.game_id) if g["human"])
    assert (row["guesser"], row["player_id"], row["model"], row["input_tokens"], row["cost_usd"], row["frame_seq"]) == \
        ("Maya", "person-00000", None, None, None, 1)
    assert row["latency_ms"] >= 0 and row["correct"] == 0
    pool.submit_frame(seat.game_id, frames(2))
    assert wait_for(lambda: any("a <b>red</b> balloon" in c.past for c in model.calls))


def test_a_right_guess_wins_the_game_once_as_that_person(arena):
    store, lobby, pool, audience, seat, model = arena
    out = audience.guess(seat.game_id, "person-00001", "kittens!", now=time.time())
    assert out.correct and out.won and "alias" in out.reason
    game = store.get_game(seat.game_id)
    assert (game["status"], game["winner"], game["winner_human"]) == ("won", "Sam", 1)
    assert result_summary(game)[0].startswith("👤 Sam guessed it in") and "ahead of the models" in result_summary(game)[0]
    assert not pool.is_running(seat.game_id), "the models stop at once"
    with pytest.raises(GameOver):
        audience.guess(seat.game_id, "person-00002", "cat", now=time.time())
    winners = [g for g in store.game_guesses(seat.game_id) if g["won"]]
    assert len(winners) == 1 and winners[0]["human"] == 1


def test_one_guess_a_second_per_person_and_game(arena):
    store, lobby, pool, audience, seat, model = arena
    t = time.time()
    audience.guess(seat.game_id, "person-00000", "dog", now=t)
    with pytest.raises(SlowDown):
        audience.guess(seat.game_id, "person-00000", "hat", now=t + 0.5)
    audience.guess(seat.game_id, "person-00001", "hat", now=t + 0.5)  # somebody else may
    audience.guess(seat.game_id, "person-00000", "hat", now=t + 1.0)
    assert sum(1 for g in store.game_guesses(seat.game_id) if g["human"]) == 3


@pytest.mark.parametrize("who, setup, refusal", [
    (DRAWER, None, OwnGame),
    ("stranger-0001", None, NeedNickname),
    ("person-00000", "hide", NotGuessable),
    ("person-00000", "end", GameOver),
    ("person-00000", "rest", PlayerResting),
])
def test_guesses_that_may_not_be_taken_are_refused_and_nothing_is_stored(arena, who, setup, refusal):
    store, lobby, pool, audience, seat, model = arena
    if setup == "hide":
        store.flag_game(seat.game_id, 1)
    elif setup == "end":
        lobby.end_game(seat.game_id, "quit", time.time())
    elif setup == "rest":
        for n in range(3):
            store.insert_game({"id": f"{n + 1:012x}", "word": "dog", "player_id": who, "status": "won",
                               "started_at": time.time() - 60 + n, "game_seconds": 45, "hidden": 1})
            store.flag_game(f"{n + 1:012x}", 1)
    people = lambda: sum(1 for g in store.game_guesses(seat.game_id) if g["human"])  # noqa: E731 (models may still reply)
    before = people()
    with pytest.raises(refusal):
        audience.guess(seat.game_id, who, "cat", now=time.time())
    assert people() == before == 0


def test_the_audience_can_be_switched_off(arena):
    store, lobby, pool, audience, seat, model = arena
    audience = Audience(store, lobby, pool, AudienceSettings(enabled=False))
    with pytest.raises(NotGuessable):
        audience.guess(seat.game_id, "person-00000", "cat", now=time.time())


def test_a_person_on_another_process_races_the_owners_models_and_one_wins(db_store, tmp_path, backend_url):
    from core.store import Store
    owner_store, other_store = db_store, Store(tmp_path / "test.db", database_url=backend_url)
    recorders = [Recorder(s) for s in (owner_store, other_store)]
    model = ScriptedGuesser("Model", [(0.2, "banana")] * 100)
    referees = [Referee(s) for s in (owner_store, other_store)]
    pools = [GuesserPool([model], recorders[0], PoolSettings(timeout=5.0), referee=referees[0].claim_win),
             GuesserPool([ScriptedGuesser("Idle")], recorders[1], referee=referees[1].claim_win)]
    lobbies = [Lobby(s, p, WORDS, LobbySettings(max_games=2, game_seconds=300), referee=r, rng=random.Random(3))
               for s, p, r in zip((owner_store, other_store), pools, referees)]
    try:
        seat = lobbies[0].join(DRAWER, now=time.time())
        other_store.touch_player("person-00009", time.time())
        other_store.set_nickname("person-00009", "Ada")
        audience = Audience(other_store, lobbies[1], pools[1])
        audience.guess(seat.game_id, "person-00009", "a horse", now=time.time())
        lobbies[0].reap(time.time())  # the owner's next pass hands the room's guesses to its models
        from conftest import frame_png
        pools[0].submit_frame(seat.game_id, frame_png(3))
        assert wait_for(lambda: any("a horse" in c.past for c in model.calls))
        out = audience.guess(seat.game_id, "person-00009", seat.word, now=time.time() + 2)
        assert out.won
        lobbies[0].reap(time.time())
        assert not pools[0].is_running(seat.game_id), "the owner's models stop at its next pass"
        assert owner_store.get_game(seat.game_id)["winner"] == "Ada"
    finally:
        for lobby in lobbies:
            lobby.close()
        for pool in pools:
            pool.close()
        for r in recorders:
            r.close()
        other_store.shutdown()


@pytest.mark.parametrize("raw, cleaned", [("Cat", "Cat"), ("  a   big\n dog ", "a big dog"), ("ｃａｔ", "cat"),
                                          ("x" * MAX_GUESS_CHARS, "x" * MAX_GUESS_CHARS)])
def test_guess_text_is_one_tidy_line(raw, cleaned):
    assert clean_guess(raw) == cleaned


@pytest.mark.parametrize("raw", ["", "   ", None, 5, "x" * (MAX_GUESS_CHARS + 1), "\u200b\u200b"])
def test_empty_or_overlong_guesses_are_refused_with_a_reason(raw):
    with pytest.raises(GuessRefused) as exc:
        clean_guess(raw)
    assert str(exc.value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_any_text_is_a_tidy_guess_or_refused(raw):
    try:
        text = clean_guess(raw)
    except GuessRefused:
        return
    assert 0 < len(text) <= MAX_GUESS_CHARS and text == text.strip() and "\n" not in text


@pytest.mark.slow
def test_fifty_people_guessing_at_their_rate_beside_three_models(tmp_path, frames):
    import threading

    from core.store import Store
    store = Store(tmp_path / "room.db")
    recorder = Recorder(store)
    models = [ScriptedGuesser(f"Model {k}", [(0.15, "banana")] * 500) for k in range(3)]
    referee = Referee(store)
    pool = GuesserPool(models, recorder, PoolSettings(timeout=5.0), referee=referee.claim_win)
    lobby = Lobby(store, pool, WORDS, LobbySettings(max_games=2, game_seconds=300), referee=referee,
                  rng=random.Random(5))
    audience = Audience(store, lobby, pool, recorder=recorder)  # as the app: rows batched by the writer thread
    seat = lobby.join(DRAWER, now=time.time())
    people = [f"person-{n:05d}" for n in range(50)]
    for n, pid in enumerate(people):
        store.touch_player(pid, time.time())
        store.set_nickname(pid, f"Guesser {n}")
    taken: dict[str, list[float]] = {p: [] for p in people}
    slowed, wins, errors = [0], [], []
    lock = threading.Lock()
    stop_drawing = threading.Event()

    def draw():
        n = 0
        while not stop_drawing.is_set() and pool.is_running(seat.game_id):
            n += 1
            pool.submit_frame(seat.game_id, frames(n % 30 + 1))
            time.sleep(0.3)

    def person(k: int, pid: str):
        rng = random.Random(k)
        for attempt in range(12):
            word = seat.word if (k == 17 and attempt == 8) else rng.choice(["hat", "car", "tree", "boat", "fish"])
            now = time.time()
            try:
                out = audience.guess(seat.game_id, pid, word, now=now)
                with lock:
                    taken[pid].append(now)
                    if out.won:
                        wins.append(pid)
            except SlowDown:
                with lock:
                    slowed[0] += 1
            except GameOver:
                return
            except Exception as exc:  # pragma: no cover - surfaced below
                errors.append(exc)
                return
            time.sleep(rng.choice([0.5, 1.05, 1.2]))  # some try too often, most keep to the rate

    drawer = threading.Thread(target=draw)
    drawer.start()
    threads = [threading.Thread(target=person, args=(k, p)) for k, p in enumerate(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    stop_drawing.set()
    drawer.join(5)
    assert pool.wait_idle(seat.game_id) and recorder.flush(), "the game's guessers and writes finished"
    try:
        assert errors == []
        game = store.get_game(seat.game_id)
        assert game["status"] == "won" and wins == ["person-00017"] and game["winner"] == "Guesser 17"
        rows = [g for g in store.game_guesses(seat.game_id) if g["human"]]
        assert len(rows) == sum(len(v) for v in taken.values()), "every accepted guess is one row, no more"
        assert sum(r["won"] for r in store.game_guesses(seat.game_id)) == 1, "exactly one winner"
        for pid in people:
            mine = sorted(r["created_at"] for r in rows if r["player_id"] == pid)
            assert all(b - a >= 1.0 for a, b in zip(mine, mine[1:])), "one guess a second, per person"
        assert slowed[0] > 0, "the fast ones were told to slow down"
        assert len({(r["player_id"], r["created_at"]) for r in rows}) == len(rows)
        print(f"\nroom: {len(rows)} guesses taken, {slowed[0]} slowed down, "
              f"{sum(1 for g in store.game_guesses(seat.game_id) if not g['human'])} model guesses")
    finally:
        lobby.close()
        pool.close()
        recorder.close()


# -- the app's way: people's guess rows go through the writer thread in batches ----------------------------------


@pytest.fixture
def batched(arena):
    """The arena's game with an audience whose rows the recorder writes, as the engine builds it."""
    store, lobby, pool, _, seat, model = arena
    return store, lobby, pool, Audience(store, lobby, pool, AudienceSettings(per_address=2), recorder=pool.recorder), seat


@contextmanager
def writer_held(recorder):
    """The writer thread is kept busy for the block: nothing queued meanwhile reaches the database."""
    holding, release = threading.Event(), threading.Event()
    recorder.run_job(lambda store: (holding.set(), release.wait(30)))
    assert holding.wait(10)
    try:
        yield
    finally:
        release.set()


def people_rows(store, game_id):
    return [g for g in store.game_guesses(game_id) if g["human"]]


def test_a_batched_guess_has_its_verdict_at_once_and_its_row_after_the_flush(batched):
    store, lobby, pool, audience, seat = batched
    with writer_held(pool.recorder):
        out = audience.guess(seat.game_id, "person-00000", "a horse", now=time.time(), origin="net-1")
        assert (out.correct, out.won, out.text) == (False, False, "a horse")
        assert people_rows(store, seat.game_id) == [], "not written yet"
    assert pool.recorder.flush(10)
    [row] = people_rows(store, seat.game_id)
    assert (row["text"], row["guesser"], row["player_id"], row["origin"], row["won"]) == \
        ("a horse", "Maya", "person-00000", "net-1", 0)


def test_two_guesses_within_the_gap_cannot_both_pass_while_the_first_is_unwritten(batched):
    store, lobby, pool, audience, seat = batched
    t = time.time()
    with writer_held(pool.recorder):
        audience.guess(seat.game_id, "person-00000", "hat", now=t, origin="net-1")
        with pytest.raises(SlowDown):
            audience.guess(seat.game_id, "person-00000", "boat", now=t + 0.5, origin="net-1")
        audience.guess(seat.game_id, "person-00001", "boat", now=t + 0.5, origin="net-1")
        with pytest.raises(AddressSlowDown):  # two from this address in the window: the cap, unwritten as they are
            audience.guess(seat.game_id, "person-00002", "tree", now=t + 0.6, origin="net-1")
    assert pool.recorder.flush(10)
    with pytest.raises(SlowDown):  # and once written, from the database
        audience.guess(seat.game_id, "person-00000", "boat", now=t + 0.9, origin="net-2")
    audience.guess(seat.game_id, "person-00000", "boat", now=t + 1.0, origin="net-2")
    assert pool.recorder.flush(10)
    assert sorted(r["text"] for r in people_rows(store, seat.game_id)) == ["boat", "boat", "hat"]


def test_racing_right_guesses_claim_the_win_once_and_every_row_is_stored_on_close(arena):
    store, lobby, pool, _, seat, model = arena
    recorder = Recorder(store)
    audience = Audience(store, lobby, pool, recorder=recorder)
    people = ["person-00000", "person-00001", "person-00002"]
    start, results, errors = threading.Barrier(len(people)), {}, []

    def guess(pid):
        start.wait()
        try:
            results[pid] = audience.guess(seat.game_id, pid, seat.word, now=time.time())
        except Exception as exc:  # a GameOver for whoever came after the win is stored
            errors.append(type(exc).__name__)

    with writer_held(recorder):
        threads = [threading.Thread(target=guess, args=(p,)) for p in people]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        winners = [p for p, out in results.items() if out.won]
        assert len(winners) == 1 and set(errors) <= {"GameOver"}, (results, errors)
        assert store.get_game(seat.game_id)["winner_human"] == 1, "the win is claimed at once, before any row"
    recorder.close()  # shutting down writes what was queued
    rows = people_rows(store, seat.game_id)
    assert len(rows) == len(results) and [r["player_id"] for r in rows if r["won"]] == winners
    assert all(r["stale"] and "too late" in r["reason"] for r in rows if not r["won"])


def test_in_a_german_game_a_person_wins_with_the_german_word_and_never_with_the_english_one(db_store, frames):
    recorder = Recorder(db_store, retry_delays=(0.01,))
    referee = Referee(db_store)
    pool = GuesserPool([ScriptedGuesser("Model", [(0.3, "banana")] * 50)], recorder, PoolSettings(timeout=5.0),
                       referee=referee.claim_win)
    lobby = Lobby(db_store, pool, (Word("dog"),), LobbySettings(max_games=1, game_seconds=300), referee=referee,
                  rng=random.Random(2))
    try:
        audience = Audience(db_store, lobby, pool)
        seat = lobby.join(DRAWER, now=time.time(), lang="de")
        db_store.touch_player("person-00000", time.time())
        db_store.set_nickname("person-00000", "Maya")
        t = time.time()
        english = audience.guess(seat.game_id, "person-00000", "dog", now=t)
        assert (english.correct, english.won) == (False, False)
        german = audience.guess(seat.game_id, "person-00000", "ein Hund!", now=t + 2)
        assert (german.correct, german.won) == (True, True)
        assert db_store.get_game(seat.game_id)["winner"] == "Maya"
    finally:
        lobby.close()
        pool.close()
        recorder.close()
