"""Secrets: API keys never reach a page, a log line, an error a player sees, or an export."""
from __future__ import annotations

import logging
import random
import time

import pytest
from apptest import open_page
from conftest import wait_for
from fake_providers import FakeProvider, auth_error, server_error
from scripted import ScriptedGuesser

from core.export import EXPORTABLE, database_zip, table_csv
from core.guessers.openai_guesser import OpenAIGuesser
from core.settings import Settings

KEYS = {
    "ANTHROPIC_API_KEY": "sk-ant-" + "api03-SECRETanthropic0123456789abcdefghij",
    "OPENAI_API_KEY": "sk-proj-" + "SECRETopenai0123456789abcdefghijklmnop",
    "GEMINI_API_KEY": "AIza" + "SECRETgemini0123456789abcdefghijklmno",
    "ADMIN_PASSWORD": "SECRET-admin-password",
}
PAGES = ["Home.py", "pages/1_Spectate.py", "pages/2_Leaderboard.py", "pages/3_Game.py", "pages/4_Stats.py",
         "pages/5_Eval.py", "pages/6_About.py", "pages/7_Admin.py"]


def leaks(text: str) -> list[str]:
    return [name for name, value in KEYS.items() if value in text or value[8:30] in text]


@pytest.fixture
def keyed_app(streamlit_app):
    return streamlit_app("cat\ndog\n", **KEYS)


@pytest.mark.parametrize("script", PAGES)
def test_no_page_shows_a_key(keyed_app, script):
    at = open_page(script)
    assert not at.exception
    assert leaks(str(at._tree)) == [], "nothing in any element, text or attribute"


def test_provider_errors_reach_rows_logs_and_exports_without_the_key(make_engine, frames, caplog):
    # The fake server repeats the key it was sent in its error messages, as some proxies do.
    with FakeProvider("openai", script=[auth_error(401, echo_key=True), server_error(500)],
                      default=auth_error(403, echo_key=True)) as fake:
        g = OpenAIGuesser("gpt-6-luna", KEYS["OPENAI_API_KEY"], base_url=fake.base_url, timeout=1, max_retries=0)
        winner = ScriptedGuesser("winner", [(0.2, "x"), (0.2, "cat")])
        engine = make_engine([g, winner], rng=random.Random(2), MIN_GUESS_INTERVAL=0, FRAME_INTERVAL=0,
                             FAILURES_BEFORE_COOLDOWN=100, **KEYS)
        with caplog.at_level(logging.DEBUG):
            game_id = engine.lobby.join("player-secret", now=time.time()).game_id
            for n in range(1, 4):  # a new frame once the winner has answered the last: it names the word second
                if not engine.pool.is_running(game_id):
                    break
                engine.pool.submit_frame(game_id, frames(n))
                assert wait_for(lambda: not engine.pool.is_running(game_id) or
                                sum(v.guesser == "winner" for v in engine.pool.snapshot(game_id).guesses) >= n)
            assert engine.pool.wait_idle(game_id) and engine.recorder.flush()
        errors = [r["error"] or "" for r in engine.store.game_guesses(game_id) if r["guesser"] != "winner"]
        assert fake.count >= 1 and any("401" in e or "403" in e or "key" in e.lower() for e in errors)
        assert leaks("\n".join(errors)) == []
        logged = "\n".join(r.getMessage() + (str(r.exc_info) if r.exc_info else "") for r in caplog.records)
        assert leaks(logged) == []
        exported = b"".join(table_csv(engine.store, t, engine.settings.secret_values()) for t in EXPORTABLE)
        assert leaks(exported.decode()) == [] and leaks(database_zip(engine.store).decode("latin-1")) == []


def test_settings_never_print_their_secrets():
    s = Settings.load(KEYS)
    assert leaks(repr(s)) == [] and leaks(str(s)) == []


def test_the_signed_in_admin_page_shows_no_key(keyed_app):
    at = open_page("pages/7_Admin.py")
    at.text_input[0].input(KEYS["ADMIN_PASSWORD"])
    at.button[0].click().run()
    assert not at.exception and "Data export" in [h.value for h in at.header]
    assert leaks(str(at._tree)) == [], "not even the password just typed"
