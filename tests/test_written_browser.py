"""Draw, don't write, in Chromium against `streamlit run`: the word written on the real canvas flags the game."""
from __future__ import annotations

import pytest

from browser_kit import browser, draw_mouse, playwright, start_server, stop_server  # noqa: F401 - fixtures
from test_writing import ocr, written  # noqa: F401

pytestmark = pytest.mark.browser
HOUSE = [[(150, 250), (350, 250), (350, 420), (150, 420), (150, 250)], [(140, 255), (250, 130), (360, 255)]]


@pytest.fixture
def apple_server(tmp_path, ocr):
    """One word, apple, and a fake vision model that names it once it is scripted to."""
    from fake_providers import FakeProvider, ok
    with FakeProvider("openai", default=ok("banana", delay=0.2)) as fake:
        url, proc, log = start_server(tmp_path, {
            "SKETCH_ENABLED": "false", "OPENAI_COMPAT_BASE_URL": fake.base_url, "OPENAI_COMPAT_MODEL": "fake",
            "OPENAI_COMPAT_NAME": "Fake Vision", "WRITTEN_WORD_CHECK": "true"}, words="apple\n")
        yield url, fake
        stop_server(proc, log)


def play_and_draw(browser, server, strokes) -> object:
    """A new player draws the strokes; then the model names the word (a fresh mark gives it a new frame)."""
    from fake_providers import ok
    url, fake = server
    page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
    page.goto(url)
    page.get_by_role("button", name="Play").click()
    page.locator("h2", has_text="Draw: apple").wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    draw_mouse(page, strokes)
    page.wait_for_timeout(1500)
    fake.push(*[ok("apple", delay=0.2)] * 20)
    won = page.get_by_text("Fake Vision got it in")
    for dot in range(10):
        try:
            won.wait_for(timeout=2_000)
            break
        except Exception:
            draw_mouse(page, [[(20 + 8 * dot, 500), (23 + 8 * dot, 503)]])
    won.wait_for(timeout=5_000)
    return page


def as_points(strokes) -> list:
    return [list(zip(xs, ys)) for xs, ys in strokes]


def test_a_written_word_keeps_the_game_off_the_leaderboard_and_an_honest_drawing_does_not(apple_server, browser):
    url, _ = apple_server
    cheat = play_and_draw(browser, apple_server, as_points(written("APPLE", "futural", 80, 0.1)))
    cheat.get_by_text("not on the leaderboard: the word was written in the drawing").wait_for(timeout=20_000)
    cheat.goto(url + "/Leaderboard")
    cheat.get_by_text("No won games here yet").wait_for(timeout=20_000)
    honest = play_and_draw(browser, apple_server, HOUSE)
    honest.wait_for_timeout(3000)  # the end-of-game check has run
    assert honest.get_by_text("not on the leaderboard").count() == 0
    honest.goto(url + "/Leaderboard")
    honest.locator("[data-testid=stDataFrame]").first.wait_for(timeout=20_000)
    assert "No won games here yet" not in honest.locator("body").inner_text()
