"""The result screen's live view in Chromium against `streamlit run`: pushed like the others, polled as their fallback."""
from __future__ import annotations

import pytest
from browser_kit import play
from conftest import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("transport", ["", "?transport=poll"], ids=["push", "poll"])
def test_the_result_screen_shows_a_word_found_written_after_the_game_ended(quiet_app, person, transport):
    page = person()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(quiet_app.url + "/" + transport)
    play(page)
    game_id = quiet_app.game_of(page)["id"]
    page.get_by_role("button", name="Give up").click()
    page.get_by_text("You gave up.").wait_for(timeout=10_000)
    stream, polled = f"/api/stream/live/{game_id}", f"/api/live/{game_id}"
    # The result view watches the game for a few seconds (the last frame may still be being read for letters).
    assert wait_for(lambda: any((polled if transport else stream) in url for url in asked), timeout=5), asked
    assert quiet_app.store.flag_written(game_id, "APPLE", 1)
    page.get_by_text("the word was written in the drawing").wait_for(timeout=10_000)
    if transport:
        assert not any(stream in url for url in asked), "the page asked for polling: no stream"
    else:
        assert not any(polled in url for url in asked), "pushed: the view never polled"
