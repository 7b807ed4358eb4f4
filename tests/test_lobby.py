"""The lobby: FIFO admission under the cap, wait estimates, fresh words, timeouts and idleness."""
from __future__ import annotations

import random
import threading
import time

import pytest
from conftest import wait_for
from scripted import ScriptedGuesser

from core.lobby import BadPlayerId, Lobby, LobbySettings, Referee, check_game_id, estimate_waits
from core.pool import GuesserPool, PoolSettings
from core.recorder import Recorder
from core.words import NoWordsLeft, Word

WORDS = tuple(Word(w) for w in ("cat", "dog", "sun", "tree", "house"))


def pid(n: int) -> str:
    return f"player-{n:04d}"


@pytest.fixture
def make_lobby(db_store):
    made = []
    recorder = Recorder(db_store, retry_delays=(0.01, 0.05))

    def make(guessers=(), words=WORDS, **knobs):
        """A lobby with LobbySettings(**knobs), its pool asking the lobby's referee."""
        referee = Referee(db_store)
        pool = GuesserPool(list(guessers) or [ScriptedGuesser("a", [(0.0, "banana")])], recorder,
                           PoolSettings(timeout=2.0), referee=referee.claim_win)
        lobby = Lobby(db_store, pool, words, LobbySettings(**knobs), referee=referee, rng=random.Random(7), now=0.0)
        made.append((lobby, pool))
        return lobby

    yield make
    for lobby, pool in made:
        lobby.close(now=1e9)
        pool.close()
    recorder.close()


@pytest.mark.parametrize("remaining, slots, n, expected", [
    ([], 2, 3, [0.0, 0.0, 45.0]),
    ([10.0, 30.0], 2, 3, [10.0, 30.0, 55.0]),
    ([40.0], 2, 2, [0.0, 40.0]),
    ([-3.0, 5.0], 2, 1, [0.0]),
    ([20.0, 5.0, 1.0], 1, 2, [1.0, 46.0]),
])
def test_wait_estimate_follows_the_earliest_free_slot(remaining, slots, n, expected):
    assert estimate_waits(remaining, slots, 45.0, n) == expected


def test_queue_admits_in_order_and_estimates_waits(make_lobby):
    lobby = make_lobby(max_games=2, game_seconds=45)
    assert lobby.join(pid(1), now=0).state == "playing"
    assert lobby.join(pid(2), now=10).state == "playing"
    s3 = lobby.join(pid(3), now=20)
    s4 = lobby.join(pid(4), now=21)
    s5 = lobby.join(pid(5), now=22)
    assert (s3.state, s3.position, s3.queue_length) == ("queued", 1, 1)
    assert (s4.position, s5.position, s5.queue_length) == (2, 3, 3)
    # At t=22 the games end at t=45 and t=55: waits 23, 33, then 23 + 45.
    assert [lobby.seat(pid(n), now=22).wait_s for n in (3, 4, 5)] == [23.0, 33.0, 68.0]
    lobby.quit(pid(1), now=30)
    assert lobby.seat(pid(3), now=30).state == "playing"
    assert lobby.seat(pid(4), now=30).position == 1
    lobby.reap(now=55.5)  # pid(2) timed out
    assert lobby.seat(pid(4), now=56).state == "playing"
    assert lobby.seat(pid(5), now=56).position == 1


def test_joining_twice_keeps_the_same_seat(make_lobby):
    lobby = make_lobby(max_games=1)
    a = lobby.join(pid(1), now=0)
    assert lobby.join(pid(1), now=1).game_id == a.game_id
    lobby.join(pid(2), now=2)
    assert lobby.join(pid(2), now=3).position == 1
    assert lobby.queue_length() == 1


def test_player_never_gets_a_repeated_word(make_lobby, db_store):
    lobby = make_lobby(max_games=1)
    words = []
    for t in range(len(WORDS)):
        seat = lobby.join(pid(1), now=t * 100)
        words.append(seat.word)
        lobby.quit(pid(1), now=t * 100 + 1)
    assert sorted(words) == sorted(w.text for w in WORDS)
    with pytest.raises(NoWordsLeft):
        lobby.join(pid(1), now=1000)
    assert lobby.seat(pid(1), now=1000).state == "none"
    assert lobby.join(pid(2), now=1001).state == "playing", "other players still get words"


def test_queued_player_without_words_left_is_told_and_skipped(make_lobby):
    lobby = make_lobby(max_games=1, words=WORDS[:1])
    lobby.join(pid(1), now=0)
    lobby.join(pid(2), now=1)
    lobby.join(pid(3), now=2)
    lobby.quit(pid(1), now=3)
    lobby.quit(pid(2), now=4)  # pid(2) played "cat"; pid(3) gets it next
    assert lobby.seat(pid(3), now=4).state == "playing"


def test_time_out_and_idleness_end_games(make_lobby, db_store):
    lobby = make_lobby(max_games=2, game_seconds=45, idle_seconds=10)
    g1 = lobby.join(pid(1), now=0).game_id
    g2 = lobby.join(pid(2), now=0).game_id
    lobby.join(pid(3), now=0)
    for t in range(1, 40):
        lobby.heartbeat(pid(1), now=t)
        lobby.heartbeat(pid(3), now=t)
        lobby.reap(now=t)
    assert db_store.get_game(g2)["status"] == "abandoned"
    assert lobby.seat(pid(3), now=40).state == "playing"
    lobby.heartbeat(pid(1), now=44)
    lobby.reap(now=45)
    game = db_store.get_game(g1)
    assert game["status"] == "timeout" and game["duration_s"] == 45


def test_silent_queued_player_leaves_the_queue(make_lobby):
    lobby = make_lobby(max_games=1, idle_seconds=10)
    lobby.join(pid(1), now=0)
    lobby.join(pid(2), now=0)
    lobby.join(pid(3), now=0)
    for t in range(1, 12):
        lobby.heartbeat(pid(1), now=t)
        lobby.heartbeat(pid(3), now=t)
    lobby.reap(now=12)
    assert lobby.seat(pid(2), now=12).state == "none"
    assert lobby.seat(pid(3), now=12).position == 1


def test_win_ends_the_game_and_admits_the_next_player(make_lobby, db_store, frames, recorder):
    lobby = make_lobby([ScriptedGuesser("quick", [(0.0, "dog"), (0.0, "cat"), (0.0, "sun"),
                                                  (0.0, "tree"), (0.0, "house")])],
                       max_games=1, game_seconds=1000)
    now = time.time()
    game_id = lobby.join(pid(1), now=now).game_id
    lobby.join(pid(2), now=now)
    word = db_store.get_game(game_id)["word"]
    for n in range(1, 6):  # a new frame once the last one is answered: the model names each word in turn
        lobby.pool.submit_frame(game_id, frames(n))
        assert wait_for(lambda: len(lobby.pool.snapshot(game_id).guesses) >= n or not lobby.pool.is_running(game_id))
        if not lobby.pool.is_running(game_id):
            break
    game = db_store.get_game(game_id)
    assert game["status"] == "won" and game["winner"] == "quick", word
    lobby.reap(now=time.time())  # the reaper thread's next pass (a win wakes it at once)
    assert lobby.seat(pid(2), now=time.time()).state == "playing"


def test_late_claim_after_the_deadline_is_refused(make_lobby, db_store):
    lobby = make_lobby(max_games=1, game_seconds=45)
    game_id = lobby.join(pid(1), now=0).game_id
    assert lobby.claim_win(game_id, "a", now=46) is False
    assert lobby.claim_win(game_id, "a", now=44) is True
    assert lobby.claim_win(game_id, "b", now=44.5) is False
    assert db_store.get_game(game_id)["winner"] == "a"


def test_many_sessions_joining_at_once_respect_the_cap(make_lobby, db_store):
    lobby = make_lobby(max_games=2, words=tuple(Word(f"w{i}") for i in range(5)))
    errors = []

    def session(n):
        try:
            for t in range(20):
                lobby.join(pid(n), now=t)
                lobby.heartbeat(pid(n), now=t)
                if t % 7 == n % 7:
                    lobby.quit(pid(n), now=t)
                lobby.reap(now=t)
        except NoWordsLeft:
            pass
        except Exception as exc:  # pragma: no cover - surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(lobby.running_games()) <= 2
    assert len(db_store.active_games()) == len(lobby.running_games())
    rows = db_store.query("SELECT player_id, word, COUNT(*) AS n FROM games GROUP BY player_id, word")
    assert all(r["n"] == 1 for r in rows)


@pytest.mark.parametrize("bad", ["", "short", "x" * 65, "../../etc", "id with space", None, 42, "é" * 10])
def test_bad_player_ids_are_refused(make_lobby, bad):
    lobby = make_lobby()
    with pytest.raises(BadPlayerId):
        lobby.join(bad, now=0)


@pytest.mark.parametrize("bad", ["", "abc", "0123456789ABC", "'; drop table games", None, "0" * 13])
def test_malformed_game_ids_are_refused(bad):
    from core.lobby import GameNotFound
    with pytest.raises(GameNotFound):
        check_game_id(bad)


def test_a_dead_processs_game_waits_for_its_player_then_is_closed_as_abandoned(make_lobby, db_store):
    db_store.touch_player(pid(1), 0)
    db_store.insert_game({"id": "aaaaaaaaaaaa", "word": "cat", "player_id": pid(1), "status": "active",
                          "started_at": 5.0, "game_seconds": 450, "owner": "a-dead-process", "last_seen": 5.0})
    lobby = make_lobby(idle_seconds=60)  # a new process starts: it closes nothing at once
    assert db_store.get_game("aaaaaaaaaaaa")["status"] == "active"
    lobby.reap(now=60.0)
    assert db_store.get_game("aaaaaaaaaaaa")["status"] == "active", "the player may still come back"
    lobby.reap(now=66.0)
    game = db_store.get_game("aaaaaaaaaaaa")
    assert game["status"] == "abandoned" and game["duration_s"] == 61.0


def test_a_returning_player_gets_their_game_back_from_a_dead_process(make_lobby, db_store):
    db_store.touch_player(pid(1), 0)
    db_store.insert_game({"id": "bbbbbbbbbbbb", "word": "cat", "player_id": pid(1), "status": "active",
                          "started_at": 5.0, "game_seconds": 450, "owner": "a-dead-process", "last_seen": 5.0})
    lobby = make_lobby()
    seat = lobby.heartbeat(pid(1), now=20.0)
    assert (seat.state, seat.game_id, seat.word, seat.here) == ("playing", "bbbbbbbbbbbb", "cat", True)
    assert db_store.get_game("bbbbbbbbbbbb")["owner"] == lobby.process_id
    assert lobby.pool.is_running("bbbbbbbbbbbb"), "its guessers carry on here"


def test_a_live_processs_game_is_never_taken_while_its_player_is_there(make_lobby, db_store):
    first, second = make_lobby(), make_lobby()
    first.reap(now=100.0)  # its heartbeat
    seat = first.join(pid(1), now=100.0)
    second.heartbeat(pid(1), now=101.0)  # the same player's other tab, on another process
    assert db_store.get_game(seat.game_id)["owner"] == first.process_id
    second.reap(now=101.5)
    second.close()  # a restart of the other process leaves this game alone
    game = db_store.get_game(seat.game_id)
    assert (game["owner"], game["status"]) == (first.process_id, "active")
    third = make_lobby()
    first.heartbeat(pid(1), now=110.0)
    third.heartbeat(pid(1), now=111.0)  # the owner stopped beating at 100: gone, so the player's game moves
    assert db_store.get_game(seat.game_id)["owner"] == third.process_id


def test_two_processes_share_one_queue_and_one_cap(make_lobby, db_store):
    a, b = make_lobby(max_games=1), make_lobby(max_games=1)
    assert a.join(pid(1), now=0).state == "playing"
    s2 = b.join(pid(2), now=1)
    s3 = a.join(pid(3), now=2)
    assert (s2.state, s2.position, s3.position) == ("queued", 1, 2)
    assert b.seat(pid(3), now=3) == a.seat(pid(3), now=3), "every process sees the same place and wait"
    assert db_store.count_active() == 1
    a.quit(pid(1), now=4)
    seat = b.heartbeat(pid(2), now=5)
    assert seat.state == "playing" and db_store.count_active() == 1
    assert db_store.get_game(seat.game_id)["owner"] == b.process_id, "the game runs where its player is"


def test_a_game_is_played_in_its_players_language_kept_through_the_queue(make_lobby, db_store):
    lobby = make_lobby(max_games=1)
    first = lobby.join(pid(1), now=0, lang="de")
    assert db_store.get_game(first.game_id)["lang"] == "de"
    assert lobby.join(pid(2), now=1, lang="fr-CH").state == "queued"
    assert db_store.queued(pid(2))["lang"] == "fr"
    lobby.join(pid(3), now=2, lang="<script>")
    lobby.join(pid(4), now=3)
    for n in (1, 2, 3):
        lobby.quit(pid(n), now=10 + n)
    assert lobby.seat(pid(4), now=14).state == "playing"
    rows = db_store.query("SELECT player_id, lang FROM games ORDER BY started_at")
    assert [(r["player_id"], r["lang"]) for r in rows] == [(pid(1), "de"), (pid(2), "fr"), (pid(3), "en"),
                                                          (pid(4), "en")], "a garbage language or none: English"


def test_a_german_games_model_wins_with_hund_and_never_with_dog(make_lobby, db_store, frames):
    model = ScriptedGuesser("model", [(0.0, "dog"), (0.0, "Hunde!")])
    lobby = make_lobby([model], words=(Word("dog"),), max_games=1, game_seconds=1000)
    seat = lobby.join(pid(1), now=time.time(), lang="de")
    assert db_store.get_game(seat.game_id)["word"] == "dog", "the game keeps the concept"
    assert seat.word == "Hund", "its drawer reads the word in German"
    lobby.pool.submit_frame(seat.game_id, frames(1))
    assert wait_for(lambda: len(lobby.pool.snapshot(seat.game_id).guesses) == 1)
    first = lobby.pool.snapshot(seat.game_id).guesses[0]
    assert (first.text, first.correct, first.won) == ("dog", False, False), "English is not the game's language"
    assert db_store.get_game(seat.game_id)["status"] == "active"
    lobby.pool.submit_frame(seat.game_id, frames(2))
    assert wait_for(lambda: db_store.get_game(seat.game_id)["status"] == "won")
    assert db_store.get_game(seat.game_id)["winner"] == "model"
    assert [c.lang for c in model.calls] == ["de", "de"], "the model was asked in German"
    assert model.calls[1].past == (), "a guess naming the concept is not handed back as a wrong one"


def test_a_game_read_as_running_but_ended_since_is_not_resumed(make_lobby):
    lobby = make_lobby(max_games=1)
    seat = lobby.join(pid(1), now=time.time())
    stale = lobby.store.get_game(seat.game_id)  # a sync read it as running...
    lobby.pool.end_game(seat.game_id)
    lobby.store.end_game(seat.game_id, "quit", time.time())  # ...then the player quit
    lobby.pool._ended_at.clear()  # long enough ago that the pool's own memory of the end has gone
    lobby._resume(stale)
    assert not lobby.pool.is_running(seat.game_id), "the stale read starts nothing: the store says it ended"


def test_a_game_taken_over_while_a_sync_reads_is_not_ended_by_that_sync(make_lobby, db_store):
    db_store.touch_player(pid(1), 0)
    db_store.insert_game({"id": "cccccccccccc", "word": "cat", "player_id": pid(1), "status": "active",
                          "started_at": 5.0, "game_seconds": 450, "owner": "a-dead-process", "last_seen": 5.0})
    lobby = make_lobby()
    read_owned = db_store.games_owned
    player_returned = []

    def owned_then_the_player_returns(process_id):
        """The reaper's read of what this process owns, and the player's page taking the game right after it."""
        rows = read_owned(process_id)
        if not player_returned:
            player_returned.append(lobby.heartbeat(pid(1), now=20.0))
        return rows

    db_store.games_owned = owned_then_the_player_returns
    lobby.reap(now=20.0)
    assert player_returned[0].here and db_store.get_game("cccccccccccc")["owner"] == lobby.process_id
    assert lobby.pool.is_running("cccccccccccc"), "the sync read before the takeover: it does not end what it started"
