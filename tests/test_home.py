"""The play page under AppTest: the pitch, the no-key notice, the queue, the result and nicknames."""
from __future__ import annotations

import random
import time

import pytest
from apptest import open_page

from core.identity import new_player_token, player_from_token
from core.resources import get_engine, get_settings


@pytest.fixture
def app_env(streamlit_app):
    """A fresh engine for the page: temp database, three shapes, one game at a time."""
    return streamlit_app(MAX_CONCURRENT_GAMES="1")


page = open_page


def token_for(engine) -> tuple[str, str]:
    token = new_player_token(engine.player_secret, random.Random(9))
    return token, player_from_token(token, engine.player_secret)


def save_button(at):
    return next(b for b in at.button if b.label == "Save")


def texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [i.value for i in at.info] + [w.value for w in at.warning]
                     + [t.value for t in at.title] + [e.value for e in at.error] + [s.value for s in at.success])


def test_pitch_shows_play_and_who_plays_today(app_env):
    at = page()
    assert not at.exception
    assert at.title[0].value == "🎨 Pictionary Arena"
    assert at.button(key="play").label == "▶️ Play"
    assert "Offline sketch model: plays" in texts(at)


def test_no_key_notice_says_how_to_add_keys(app_env):
    notice = page().info[0].value
    assert "Only the offline sketch model is playing" in notice
    assert "secrets.toml" in notice and "ANTHROPIC_API_KEY" in notice


def test_new_visitor_gets_a_signed_player_id_in_the_url(app_env):
    at = page()
    assert player_from_token(at.query_params["player"][0] if isinstance(at.query_params["player"], list)
                             else at.query_params["player"], get_engine().player_secret)


@pytest.mark.parametrize("garbage", ["", "../../etc/passwd", "<script>", "a" * 500, "abc.def"])
def test_garbage_player_parameter_gets_a_fresh_identity(app_env, garbage):
    at = page(player=garbage)
    assert not at.exception and at.button(key="play")


def test_play_starts_a_game_with_the_word_shown(app_env):
    at = page()
    at.button(key="play").click().run()
    assert not at.exception
    heading = next(m.value for m in at.markdown if "Draw:" in m.value)
    assert any(w in heading for w in ("square", "circle", "triangle"))
    assert at.button(key="give-up")


def test_a_queued_player_sees_the_queue_and_can_leave_it(app_env):
    engine = get_engine()
    engine.lobby.join("someone-else-01", now=time.time())
    at = page()
    at.button(key="play").click().run()
    assert not at.exception
    assert at.title[0].value == "⏳ You are in the queue"  # place and wait are drawn by the browser (test_live)
    at.button(key="leave").click().run()
    assert engine.lobby.queue_length() == 0


def test_reload_finds_the_running_game(app_env):
    engine = get_engine()
    token, player = token_for(engine)
    seat = engine.lobby.join(player, now=time.time())
    at = page(player=token)  # a new session, as after a reload
    assert any(seat.word in m.value for m in at.markdown if "Draw:" in m.value)


def test_give_up_ends_the_game_as_quit_and_shows_the_word(app_env):
    engine = get_engine()
    token, player = token_for(engine)
    game_id = engine.lobby.join(player, now=time.time()).game_id
    at = page(player=token)
    at.button(key="give-up").click().run()
    assert engine.store.get_game(game_id)["status"] == "quit"
    assert at.title[0].value == "You gave up\\."  # a headline is plain text: shown escaped, read as typed
    assert engine.store.get_game(game_id)["word"] in texts(at)


@pytest.mark.parametrize("nickname, shown", [
    ("x" * 30, "at most 24 characters"),
    ("bad\u202ename", "control or invisible"),
    ("   ", "Please type a nickname"),
])
def test_bad_nickname_is_refused_and_nothing_is_saved(app_env, nickname, shown):
    engine = get_engine()
    token, player = token_for(engine)
    game_id = engine.lobby.join(player, now=time.time()).game_id
    engine.lobby.quit(player, now=time.time())
    at = page(player=token)
    at.text_input[0].input(nickname)
    save_button(at).click().run()
    assert shown in at.error[0].value
    assert engine.store.get_game(game_id)["player_name"] is None


def test_good_nickname_is_saved_on_the_player_and_the_game(app_env):
    engine = get_engine()
    token, player = token_for(engine)
    game_id = engine.lobby.join(player, now=time.time()).game_id
    engine.lobby.quit(player, now=time.time())
    at = page(player=token)
    at.text_input[0].input("  <b>Ada</b>  ")
    save_button(at).click().run()
    assert at.success[0].value == "Saved!"
    assert engine.store.get_game(game_id)["player_name"] == "<b>Ada</b>"
    assert engine.store.get_player(player)["nickname"] == "<b>Ada</b>"


@pytest.mark.parametrize("game", ["", "nope", "'; drop table games; --", "0123456789ab"])
def test_game_page_with_a_bad_or_missing_id_is_friendly(app_env, game):
    at = page("pages/3_Game.py", game=game)
    assert not at.exception
    assert "could not find that game" in at.info[0].value


def test_over_budget_notice_says_paid_models_are_resting(app_env, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-not-a-real-key")
    monkeypatch.setenv("DAILY_BUDGET_USD", "0")
    get_engine().close()
    get_engine.clear()
    get_settings.clear()
    at = page()
    assert not at.exception
    assert "budget for paid models is spent" in at.info[0].value
    assert "sk-ant-not-a-real-key" not in texts(at)


def test_pitch_shows_the_latest_games_as_replays(app_env):
    from seed import seed_games
    seed_games(app_env.store, now=time.time())
    at = page()
    assert "Latest games" in [s.value for s in at.header]
    assert len(at.get("image")) == 4
    assert all("got it in" in cap for i in at.get("image") for cap in i.captions)


PACKED = "# pack: animals\ncat\ndog\ncar\n# pack: food\napple\nbanana\n"  # levels: cat easy, dog and car hard


def play_with(at, pack: str, level: str, button: str = "play"):
    at.selectbox(key="pick-pack").set_value(pack)
    at.button_group(key="pick-level").set_value(level)
    return at.button(key=button).click().run()


def test_the_chosen_pack_and_difficulty_decide_the_word(streamlit_app):
    engine = streamlit_app(PACKED, MAX_CONCURRENT_GAMES="1")
    token, player = token_for(engine)
    at = play_with(page(player=token), "animals", "hard")
    assert not at.exception
    game = engine.store.active_game_for_player(player)
    assert game["word"] in ("dog", "car") and game["pack"] == "animals" and game["difficulty"] == "hard"


def test_a_choice_with_every_word_seen_says_so_and_suggests_another(streamlit_app):
    engine = streamlit_app(PACKED, MAX_CONCURRENT_GAMES="1")
    token, player = token_for(engine)
    at = play_with(page(player=token), "food", "easy")
    for _ in range(2):  # apple and banana are the food pack's easy words
        at.button(key="give-up").click().run()
        assert "(Easy word · food pack)" in texts(at)  # the result screen keeps the choice for Play again
        at.button(key="play-again").click().run()
    assert engine.store.active_game_for_player(player) is None
    assert "You have drawn every one of our Easy words of the food pack." in texts(at)
    assert at.selectbox(key="pick-pack").value == "food"
    at = play_with(at, "animals", "any", button="play-again")
    assert engine.store.active_game_for_player(player)["word"] in ("cat", "dog", "car")


def test_a_pack_that_left_the_list_in_use_is_refused_politely(streamlit_app):
    engine = streamlit_app(PACKED, MAX_CONCURRENT_GAMES="1")
    at = page()
    at.selectbox(key="pick-pack").set_value("food")
    list_id, _ = engine.book.add_event_list("Party", "# pack: party\ncake\nballoon\n", time.time())
    engine.book.use(list_id, "all")
    at.button(key="play").click().run()
    assert not at.exception
    assert "That pack is not in the word list in use any more" in texts(at)
    assert at.selectbox(key="pick-pack").options == ["Any pack", "Party"]


def test_a_room_list_reaches_only_players_who_came_with_the_room(streamlit_app):
    engine = streamlit_app(PACKED, MAX_CONCURRENT_GAMES="2")
    list_id, unknown = engine.book.add_event_list("Conference", "keynote\nbadge\n", time.time())
    assert unknown == ["keynote", "badge"]  # the offline model does not know them: it sits those games out
    engine.book.use(list_id, "room")
    room_token, room_player = token_for(engine)
    page(player=room_token, room="1").button(key="play").click().run()
    assert engine.store.active_game_for_player(room_player)["word"] in ("keynote", "badge")
    other = new_player_token(engine.player_secret, random.Random(10))
    page(player=other).button(key="play").click().run()
    assert engine.store.active_game_for_player(player_from_token(other, engine.player_secret))["word"] in \
        ("cat", "dog", "car", "apple", "banana")


def test_the_result_screen_lists_who_guessed_what_and_when(app_env):
    engine = get_engine()
    token, player = token_for(engine)
    game_id = engine.lobby.join(player, now=time.time()).game_id
    started = engine.store.get_game(game_id)["started_at"]
    engine.store.insert_guesses([
        {"game_id": game_id, "frame_seq": 1, "guesser": "GPT", "model": "gpt", "text": "<b>hat</b>", "correct": 0,
         "won": 0, "created_at": started + 2.5, "latency_ms": 900.0, "reason": "a different thing"},
        {"game_id": game_id, "frame_seq": 2, "guesser": "Maya", "text": "umbrella", "human": 1, "correct": 0,
         "won": 0, "created_at": started + 4.0, "latency_ms": 300.0, "reason": "a different thing"}])
    at = page(player=token)
    at.button(key="give-up").click().run()
    table = at.dataframe[0].value
    assert list(table["Who"]) == ["GPT", "👤 Maya (person)"] and list(table["Said"]) == ["<b>hat</b>", "umbrella"]
    assert list(table["At (s)"]) == [2.5, 4.0]
