"""The room's rules speak the viewer's language: a refusal keeps its English words for the logs and carries a
catalogue key, and the edge (a JSON route, a page) says it in the viewer's language; English reads as before."""
from __future__ import annotations

import json
import random
import time

import pytest
from apptest import open_page
from scripted import ScriptedGuesser

from core import audience, join, nicknames, room
from core.audience import HumanGuess, clean_guess, guess_message, reason_text
from core.dialect import StoreBusy, StoreError
from core.guessers import describe_guessers
from core.i18n import LANGUAGES, Explained, explain, t
from core.identity import new_player_token, player_from_token
from core.judge import NOT_IT, SEVERAL
from core.nicknames import BadNickname, clean_nickname
from core.settings import Settings
from core.web import answer_for
from core.writing import NOTE

REFUSALS = sorted({kind for module in (audience, join, nicknames, room) for kind in vars(module).values()
                   if isinstance(kind, type) and issubclass(kind, Explained) and kind is not Explained},
                  key=lambda kind: kind.__name__)


@pytest.mark.parametrize("kind", REFUSALS, ids=lambda kind: kind.__name__)
def test_a_refusals_english_message_is_its_docstring(kind):
    assert kind.key.startswith("rules."), kind
    assert t("en", kind.key) == kind.__doc__
    assert explain(kind(), "en") == kind.__doc__


@pytest.mark.parametrize("raw, key", [(None, "rules.nickname_missing"), ("   ", "rules.nickname_missing"),
                                      ("bad\u202ename", "rules.nickname_invisible"),
                                      ("x" * 30, "rules.nickname_long")])
def test_a_refused_nickname_keeps_its_english_words_and_says_them_in_every_language(raw, key):
    with pytest.raises(BadNickname) as refused:
        clean_nickname(raw)
    exc = refused.value
    assert exc.key == key and explain(exc, "en") == str(exc), "English: the words the logs and old tests read"
    assert len({explain(exc, lang) for lang in LANGUAGES}) == len(LANGUAGES)
    if key == "rules.nickname_long":
        assert "24" in explain(exc, "de") and "höchstens" in explain(exc, "de")


@pytest.mark.parametrize("raw, words", [("", "Gib zuerst einen Tipp ein."), ("x" * 61, "höchstens 60 Zeichen")])
def test_a_refused_guess_reads_german_for_a_german_viewer(raw, words):
    with pytest.raises(audience.GuessRefused) as refused:
        clean_guess(raw)
    assert words in explain(refused.value, "de") and str(refused.value) == explain(refused.value, "en")


def test_a_guess_reply_is_unchanged_in_english_and_reads_german_in_german():
    wrong = HumanGuess("Katze", False, False, NOT_IT, 3.0, waiting=True)
    assert guess_message(wrong) == ("“Katze”: not the word. Keep guessing! "
                                    "The host shows it on the big screen once approved.")
    assert guess_message(wrong, "de").startswith("„Katze“: nicht das Wort. Rate weiter!")
    won = HumanGuess("Hund", True, True, "names 'Hund'", 4.25)
    assert guess_message(won) == "🎉 You got it in 4.2 s, ahead of the models!"
    assert guess_message(won, "de") == "🎉 Du hast es in 4,2 s erraten, vor den Modellen!"


@pytest.mark.parametrize("reason, lang, said", [
    (NOT_IT, "fr", "ce n'est pas le mot"), (SEVERAL, "es", "nombra más de una palabra: un intento, una respuesta"),
    ("names 'house plant', a different word", "it", "nomina «house plant», un'altra parola"),
    ("something the judge may say one day", "de", "something the judge may say one day"),
    (NOT_IT, "en", NOT_IT),
])
def test_the_judges_reason_is_told_in_the_viewers_language_and_an_unknown_one_stays(reason, lang, said):
    assert reason_text(reason, lang) == said


def test_the_draw_dont_write_note_and_who_plays_read_the_catalogue():
    assert t("en", "rules.written_note") == NOTE
    settings = Settings.load(env={"OPENAI_API_KEY": "k", "SKETCH_ENABLED": "false"})
    english, german = describe_guessers(settings), describe_guessers(settings, "de")
    assert "Gemini (Google): not playing, GEMINI_API_KEY or GOOGLE_API_KEY is not set." in english
    assert "Gemini (Google): spielt nicht mit, GEMINI_API_KEY oder GOOGLE_API_KEY ist nicht gesetzt." in german
    assert "GPT (OpenAI): spielt mit gpt-6-luna." in german


# -- the JSON routes: the request's ?lang=, else its Accept-Language -------------------------------------------


@pytest.fixture
def routes(make_engine, route_client):
    """(client, engine): the routes over an engine whose only guesser always says banana."""
    engine = make_engine([ScriptedGuesser("Banana bot", [(0.05, "banana")] * 50)], "cat\ntree\n",
                         MIN_GUESS_INTERVAL=0, FRAME_INTERVAL=0)
    return route_client(engine), engine


def ask(client, url: str, headers: dict | None = None, **body) -> tuple[int, dict]:
    r = client.post(url, content=json.dumps(body).encode(), headers={"Content-Type": "application/json",
                                                                      **(headers or {})})
    return r.status_code, r.json()


GERMAN = {"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}


def test_a_refused_nickname_on_the_room_route_reads_german_for_a_german_browser(routes):
    client, _ = routes
    token = ask(client, "/api/room/join", GERMAN)[1]["player"]
    status, answer = ask(client, "/api/room/nickname", GERMAN, player=token, nickname="Banana bot")
    assert status == 400 and answer["message"] == t("de", "rules.nickname_impostor")
    status, answer = ask(client, "/api/room/nickname", player=token, nickname="Banana bot")
    assert status == 400 and answer["message"] == nicknames.ImpostorName.__doc__, "no language asked: English"
    status, answer = ask(client, "/api/room/nickname?lang=fr", GERMAN, player=token, nickname="")
    assert status == 400 and answer["message"] == "Veuillez saisir un pseudo.", "the page's ?lang= comes first"


def test_the_room_routes_gate_reads_german_for_a_german_browser(routes):
    client, engine = routes
    engine.room.set_rules("host", time.time(), code="ABCD")
    status, state = ask(client, "/api/room/join", GERMAN)
    assert status == 200 and state["gate"] == "code" and state["message"] == t("de", "rules.room_need_code")
    status, answer = ask(client, "/api/room/code", GERMAN, player=state["player"], code="WXYZ")
    assert status == 403 and answer["message"] == t("de", "rules.room_wrong_code") and answer["closed"]


def test_a_refused_and_a_judged_guess_reply_read_german_for_a_german_browser(routes):
    client, engine = routes
    drawer = player_from_token(new_player_token(engine.player_secret, random.Random(5)), engine.player_secret)
    game_id = engine.lobby.join(drawer, now=time.time()).game_id
    token = new_player_token(engine.player_secret, random.Random(12))
    status, answer = ask(client, f"/api/guess/{game_id}", GERMAN, player=token, text="Hund")
    assert status == 400 and answer["message"] == t("de", "rules.need_nickname")
    who = player_from_token(token, engine.player_secret)
    engine.store.touch_player(who, time.time())
    engine.store.set_nickname(who, "Maya")
    status, answer = ask(client, f"/api/guess/{game_id}", GERMAN, player=token, text="Hund")
    assert status == 200 and answer["message"] == "„Hund“: nicht das Wort. Rate weiter!"
    status, answer = ask(client, f"/api/guess/{game_id}?lang=de", player=token, text="x" * 61)
    assert status == 400 and answer["message"] == "Ein Tipp hat höchstens 60 Zeichen."


def test_the_routes_fixed_answers_read_german_for_a_german_browser_and_english_is_unchanged(routes):
    client, _ = routes
    r = client.get("/api/live/0123456789ab", headers=GERMAN)
    assert r.status_code == 404 and r.json()["message"] == t("de", "admin.api_no_such_game") == "kein solches Spiel"
    assert client.get("/api/live/0123456789ab").json() == {"error": "no such game", "message": "no such game"}
    status, answer = ask(client, "/api/seat?lang=fr", GERMAN, player="forged")
    assert status == 403 and answer["message"] == "joueur inconnu"
    assert answer_for(StoreError("disk full")) == (503, {"error": (said := "We could not do that just now: please "
                                                                   "try again."), "message": said})
    assert answer_for(StoreBusy("locked"), "it")[1]["message"] == t("it", "admin.api_database"), "no SQL error shown"


# -- the pages: the session's language (?lang=de) ---------------------------------------------------------------


@pytest.fixture
def spectate(streamlit_app):
    """A fresh engine for the page with one game running, and a watcher's token."""
    engine = streamlit_app()
    drawer = player_from_token(new_player_token(engine.player_secret, random.Random(5)), engine.player_secret)
    game_id = engine.lobby.join(drawer, now=time.time()).game_id
    return engine, game_id, new_player_token(engine.player_secret, random.Random(12))


def test_a_refused_nickname_on_the_spectate_page_reads_german(spectate):
    _, game_id, token = spectate
    at = open_page("pages/1_Spectate.py", lang="de", game=game_id, player=token)
    assert not at.exception
    at.text_input[0].input("Claude 2")
    next(b for b in at.button if b.label == t("de", "spectate.start_guessing")).click().run()
    assert [e.value for e in at.error] == [t("de", "rules.nickname_impostor")]


def test_the_spectate_pages_gate_reads_german(spectate):
    engine, game_id, token = spectate
    engine.room.set_rules("host", time.time(), code="ABCD")
    at = open_page("pages/1_Spectate.py", lang="de", game=game_id, player=token)
    assert not at.exception
    assert t("de", "rules.room_need_code") in [i.value for i in at.info]


# -- Stats' and Game's tables and charts -------------------------------------------------------------------------


def test_the_summary_tables_english_titles_are_unchanged_and_german_reads_german():
    from core.stats import SUMMARY_TITLES, summary_title
    assert {field: summary_title(field) for field in SUMMARY_TITLES} == SUMMARY_TITLES
    assert summary_title("win_rate", "de") == "Siegquote" and summary_title("guesser", "fr") == "Devineur"


def test_a_chart_in_german_titles_its_axes_and_tooltips_in_german():
    import pandas as pd

    from core.charts import rating_chart
    ratings = pd.DataFrame({"guesser": ["A", "B"], "rating": [1550.0, 1450.0], "lo": [1500.0, 1400.0],
                            "hi": [1600.0, 1500.0], "races": [3, 3]})
    english, german = rating_chart(ratings).to_dict(), rating_chart(ratings, "de").to_dict()
    assert english["title"] == "Head-to-head rating (Bradley-Terry, 95% bootstrap interval)"
    assert german["title"].startswith("Direktvergleich")
    tips = {tip["title"] for layer in german["layer"] for tip in layer["encoding"]["tooltip"]}
    assert {"Rater", "Wertung", "Duelle"} <= tips


def test_who_saw_what_is_titled_in_the_pages_language():
    from core.play import schedule_followed
    rows = [{"id": 1, "guesser": "GPT", "frame_seq": 2, "requested_at": 103.0, "created_at": 104.0}]
    assert schedule_followed(rows, 100.0) == [{"Guesser": "GPT", "Guesses": 1, "Frames seen": "2", "At (s)": "3.0"}]
    assert list(schedule_followed(rows, 100.0, "de")[0]) == ["Rater", "Tipps", "Gesehene Bilder", "Zeitpunkt (s)"]


def test_the_stats_page_in_german_titles_its_table_in_german(streamlit_app):
    from seed import seed_games
    seed_games(streamlit_app("square\ncircle\ntriangle\ncat\nhouse\ntree\n").store, now=time.time())
    at = open_page("pages/4_Stats.py", lang="de")
    assert not at.exception
    assert {"Rater", "Siegquote", "Überhaupt erraten"} <= set(at.dataframe[0].value.columns)


@pytest.mark.parametrize("reason, german", [
    ("names 'Apfel'", "nennt „Apfel“"),
    ("names the alias 'Rechner'", "nennt „Rechner“, das auch zählt"),
    ("names 'apfelbaum', a different word", "nennt „apfelbaum“, ein anderes Wort"),
    ("not the word", "nicht das Wort"),
    ("names 'Apfel' (too late: the game was already over)", "nennt „Apfel“ (zu spät: das Spiel war schon vorbei)"),
    ("a reason nobody wrote down", "a reason nobody wrote down"),
])
def test_every_judge_reason_a_live_view_shows_reads_in_the_viewers_language(reason, german):
    from core.guess_rows import say_reason
    from core.play import guess_lines
    from core.pool import GuessView
    assert say_reason(reason, "de") == german and say_reason(reason, "en") == reason
    row = {"guesser": "Fake Vision", "text": "Apfel", "normalized": "apfel", "correct": 1, "won": 0, "reason": reason,
           "frame_seq": 1, "created_at": 3.0, "latency_ms": 5.0, "error": None, "refused": 0, "stale": 0}
    assert guess_lines([GuessView.from_row(row)], 0.0, "de")[0].detail == german
