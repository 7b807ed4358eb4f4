"""A longer game ("more time"): offered by GAME_LENGTHS, kept by the queue, lasting its length in every process,
and ranked apart so speed stays fair."""
from __future__ import annotations

import dataclasses
import random
import time

import pandas as pd
import pytest
from apptest import open_page
from scripted import ScriptedGuesser

from core.i18n import t
from core.identity import new_player_token, player_from_token
from core.lengths import UnknownLength, board_lengths, check_length, is_more_time, length_label, lengths_offered
from core.lobby import Lobby, LobbySettings, Referee
from core.pool import GuesserPool, PoolSettings
from core.recorder import Recorder
from core.settings import Settings, SettingsError
from core.stats import standard_length
from core.words import Word

WORDS = tuple(Word(w) for w in ("cat", "dog", "sun", "tree", "house"))
T0 = 1_800_000_000.0


def pid(n: int) -> str:
    return f"player-{n:04d}"


# -- the setting and the choice --------------------------------------------------------------------------------------

def test_game_lengths_offer_longer_games_besides_the_standard():
    assert Settings.load({}).game_lengths == (60.0, 90.0)
    assert Settings.load({"GAME_LENGTHS": " 90, 60,90 "}).game_lengths == (60.0, 90.0)
    assert Settings.load({"GAME_LENGTHS": "none"}).game_lengths == ()
    assert Settings.load({"GAME_SECONDS": "60"}).game_lengths == (90.0,)  # not longer than the standard: left out


@pytest.mark.parametrize("value", ["abc", "60,x", "0", "-90", "nan", "inf", "601", "50,60,70,80,90"])
def test_a_bad_game_lengths_setting_is_refused_at_start_up(value):
    with pytest.raises(SettingsError, match="GAME_LENGTHS"):
        Settings.load({"GAME_LENGTHS": value})


@pytest.mark.parametrize("value, seconds", [(None, 45.0), ("", 45.0), (45, 45.0), ("90", 90.0), (60.0, 60.0),
                                            (" 60 ", 60.0), (90.0000000001, 90.0)])
def test_an_offered_length_is_chosen(value, seconds):
    assert check_length(value, 45.0, (60.0, 90.0)) == seconds


@pytest.mark.parametrize("value", ["75", 30, "abc", "nan", "inf", True, [90], {"s": 90}, "90; DROP TABLE games",
                                   "9" * 500])
def test_a_length_not_offered_or_garbage_is_refused(value):
    with pytest.raises(UnknownLength):
        check_length(value, 45.0, (60.0, 90.0))


def test_labels_mark_more_time_with_its_length_in_every_language():
    assert lengths_offered(45.0, (90.0, 60.0, 45.0, 30.0)) == (45.0, 60.0, 90.0)
    assert length_label("en", 45.0, 45.0) == "Standard (45 s)"
    assert length_label("en", 90.0, 45.0) == "More time (90 s)"
    assert length_label("de", 90.0, 45.0) == "Mehr Zeit (90 s)"
    assert is_more_time(90.0, 45.0) and not is_more_time(45.0, 45.0) and not is_more_time(None, 45.0)
    assert "90" in t("fr", "length.board_more_time", seconds="90")


def test_every_length_offered_or_played_gets_its_own_board_standard_first():
    assert board_lengths(45.0, (60.0, 90.0), [45.0, 120.0, None, 90.0]) == (45.0, 60.0, 90.0, 120.0)
    assert board_lengths(60.0, (), [45.0]) == (60.0, 45.0)


# -- the lobby, the reaper and the queue, on both backends -----------------------------------------------------------

@pytest.fixture
def make_lobby(db_store):
    """Lobbies (each one a process of the arena) on one database, offering 60 and 90 s games besides 45 s."""
    made = []
    recorder = Recorder(db_store, retry_delays=(0.01, 0.05))

    def make(**knobs):
        referee = Referee(db_store)
        pool = GuesserPool([ScriptedGuesser("a", [(0.0, "banana")])], recorder, PoolSettings(timeout=2.0),
                           referee=referee.claim_win)
        settings = LobbySettings(**{"game_seconds": 45.0, "lengths": (60.0, 90.0), **knobs})
        lobby = Lobby(db_store, pool, WORDS, settings, referee=referee, rng=random.Random(7), now=T0)
        made.append((lobby, pool))
        return lobby

    yield make
    for lobby, pool in made:
        lobby.close(now=T0 + 1e6)
        pool.close()
    recorder.close()


def test_a_chosen_90_s_game_lasts_90_s_in_the_store_and_in_every_process(make_lobby, db_store):
    here, there = make_lobby(), make_lobby()
    seat = here.join(pid(1), now=T0, seconds=90)
    assert seat.state == "playing" and seat.deadline == T0 + 90
    game = db_store.get_game(seat.game_id)
    assert (game["game_seconds"], game["deadline"]) == (90.0, T0 + 90)
    for lobby in (here, there):  # the reaper of either process, at the standard length and past it
        lobby.heartbeat(pid(1), now=T0 + 46)
        assert lobby.reap(now=T0 + 46) == []
    assert db_store.get_game(seat.game_id)["status"] == "active"
    assert there.seat(pid(1), now=T0 + 60).deadline == T0 + 90
    assert there.claim_win(seat.game_id, "a", now=T0 + 70)  # still in time at 70 s
    assert db_store.get_game(seat.game_id)["status"] == "won"


def test_a_90_s_game_times_out_at_90_s_not_before(make_lobby, db_store):
    lobby = make_lobby()
    game_id = lobby.join(pid(1), now=T0, seconds="90").game_id
    lobby.heartbeat(pid(1), now=T0 + 80)
    assert lobby.reap(now=T0 + 89.5) == []
    assert lobby.reap(now=T0 + 90.5) == [(game_id, "timeout")]


def test_the_queue_keeps_each_players_length(make_lobby, db_store):
    here, there = make_lobby(max_games=1), make_lobby(max_games=1)
    first = here.join(pid(1), now=T0).game_id  # the standard length
    assert here.join(pid(2), now=T0 + 1, seconds=90).state == "queued"
    assert here.join(pid(3), now=T0 + 2, seconds=60).state == "queued"
    assert [q["game_seconds"] for q in db_store.queue_front(5)] == [90.0, 60.0]
    assert db_store.get_game(first)["game_seconds"] == 45.0
    here.quit(pid(1), now=T0 + 10)
    second = db_store.active_game_for_player(pid(2))
    assert (second["game_seconds"], second["deadline"]) == (90.0, T0 + 100)
    there.quit(pid(2), now=T0 + 20)  # another process admits the next one, with that player's own choice
    third = db_store.active_game_for_player(pid(3))
    assert (third["game_seconds"], third["deadline"]) == (60.0, T0 + 80)


def test_a_length_not_offered_takes_no_seat(make_lobby, db_store):
    lobby = make_lobby()
    with pytest.raises(UnknownLength):
        lobby.join(pid(1), now=T0, seconds=75)
    assert db_store.active_game_for_player(pid(1)) is None and db_store.queue_length() == 0


# -- fair speed: the leaderboard, the best guessers, difficulty and Stats ----------------------------------------------

def won(store, n: int, seconds: float, length: float, word: str = "cat") -> str:
    """A won game of `length` seconds, named `seconds` in."""
    store.touch_player(pid(n), T0)
    game_id = f"{n:012x}"
    store.insert_game({"id": game_id, "word": word, "player_id": pid(n), "status": "won", "started_at": T0 + n,
                       "ended_at": T0 + n + seconds, "duration_s": seconds, "winner": "a", "game_seconds": length,
                       "hidden": 0, "word_list": "default"})
    return game_id


def test_longer_games_are_ranked_apart_on_the_leaderboard(db_store):
    won(db_store, 1, 20.0, 45.0)
    won(db_store, 2, 10.0, 45.0)
    won(db_store, 3, 5.0, 90.0)  # fastest of all, but with more time: not on the standard board
    won(db_store, 4, 70.0, 90.0)
    won(db_store, 5, 8.0, 60.0)
    standard = db_store.leaderboard(length=45.0)
    assert [(r["rank"], r["player_id"]) for r in standard] == [(1, pid(2)), (2, pid(1))]
    assert [(r["rank"], r["player_id"], r["game_seconds"]) for r in db_store.leaderboard(length=90.0)] == [
        (1, pid(3), 90.0), (2, pid(4), 90.0)]
    assert [r["player_id"] for r in db_store.leaderboard(length=60.0)] == [pid(5)]
    assert db_store.lengths_won() == [45.0, 60.0, 90.0]


def test_longer_games_do_not_rate_a_words_difficulty(db_store):
    won(db_store, 1, 20.0, 45.0)
    won(db_store, 2, 70.0, 90.0)
    assert [g["game_seconds"] for g in db_store.word_results("default", longest=45.0)] == [45.0]
    assert len(db_store.word_results("default")) == 2


def test_stats_speed_figures_count_standard_games_only(db_store):
    won(db_store, 1, 20.0, 45.0)
    won(db_store, 2, 70.0, 90.0)
    games = pd.DataFrame(db_store.games_since(0))
    guesses = pd.DataFrame([{"id": 1, "game_id": f"{1:012x}"}, {"id": 2, "game_id": f"{2:012x}"}])
    kept, kept_guesses, longer = standard_length(games, guesses, 45.0)
    assert list(kept["id"]) == [f"{1:012x}"] and list(kept_guesses["id"]) == [1] and longer == 1


# -- the play page ---------------------------------------------------------------------------------------------------

def token_for(engine) -> tuple[str, str]:
    token = new_player_token(engine.player_secret, random.Random(9))
    return token, player_from_token(token, engine.player_secret)


def test_the_length_chooser_appears_and_its_choice_reaches_the_queue_and_the_game(streamlit_app):
    engine = streamlit_app(MAX_CONCURRENT_GAMES="1")
    engine.lobby.join(pid(1), now=time.time())  # someone plays: this player queues
    token, player = token_for(engine)
    at = open_page(player=token)
    chooser = at.button_group(key="pick-length")
    assert chooser.options == ["Standard (45 s)", "More time (60 s)", "More time (90 s)"]
    assert chooser.value == 45.0
    chooser.set_value(90.0)
    at.button(key="play").click().run()
    assert not at.exception
    assert engine.store.queued(player)["game_seconds"] == 90.0
    engine.lobby.quit(pid(1), now=time.time())
    game = engine.store.active_game_for_player(player)
    assert game["game_seconds"] == 90.0 and game["deadline"] == game["started_at"] + 90


def test_a_length_no_longer_offered_falls_back_to_the_standard_with_a_message(streamlit_app):
    engine = streamlit_app(MAX_CONCURRENT_GAMES="1")
    token, player = token_for(engine)
    at = open_page(player=token)
    at.button_group(key="pick-length").set_value(90.0)
    # The arena's setting changed between the page and the click (a restart with GAME_LENGTHS=60).
    engine.lobby.settings = dataclasses.replace(engine.lobby.settings, lengths=(60.0,))
    at.button(key="play").click().run()
    assert not at.exception
    assert engine.store.active_game_for_player(player) is None
    assert any("That game length is not offered" in i.value for i in at.info)
    assert at.button_group(key="pick-length").value == 45.0
    at.button(key="play").click().run()
    assert engine.store.active_game_for_player(player)["game_seconds"] == 45.0


def test_the_leaderboard_shows_one_length_at_a_time_and_marks_more_time(streamlit_app):
    engine = streamlit_app()
    won(engine.store, 1, 20.0, 45.0)
    won(engine.store, 2, 5.0, 90.0)
    at = open_page("pages/2_Leaderboard.py")
    assert not at.exception
    chooser = at.button_group(key="length")
    assert chooser.options == ["Standard (45 s)", "More time (60 s)", "More time (90 s)"] and chooser.value == 45.0
    assert list(at.dataframe[0].value["Player"]) == ["anonymous"] and "Length" not in at.dataframe[0].value
    assert list(at.dataframe[0].value["Seconds"]) == [20.0]
    chooser.set_value(90.0).run()
    board = at.dataframe[0].value
    assert list(board["Seconds"]) == [5.0] and list(board["Length"]) == ["More time (90 s)"]
    assert any("More time: games of 90 s" in i.value for i in at.info)
