"""Real flows in Debian's Chromium against `streamlit run app.py`, with only the offline guesser."""
from __future__ import annotations

import re

import pytest

from browser_kit import browser, draw_mouse as draw, ink_pixels, playwright, shape, start_server, stop_server, sync_api  # noqa: F401,E501

pytestmark = pytest.mark.browser
WORD_AT = re.compile(r"Draw:\s*(\w+)")


@pytest.fixture
def server(tmp_path, request):
    """The app with only the offline guesser (extra env from the test's parameter)."""
    url, proc, log = start_server(tmp_path, getattr(request, "param", {}))
    yield url
    stop_server(proc, log)


@pytest.fixture
def banana_server(tmp_path):
    """The app whose only guesser is an OpenAI-compatible fake on 127.0.0.1 that always says banana."""
    from fake_providers import FakeProvider, ok
    with FakeProvider("openai", default=ok("banana", delay=0.2)) as fake:
        url, proc, log = start_server(tmp_path, {
            "SKETCH_ENABLED": "false", "OPENAI_COMPAT_BASE_URL": fake.base_url,
            "OPENAI_COMPAT_MODEL": "fake-vision", "OPENAI_COMPAT_NAME": "Fake Vision",
            "PUBLIC_URL": "https://arena.example.com"})
        yield url
        stop_server(proc, log)


def open_player(browser, url):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(url)
    return page


def start_game(page) -> str:
    page.get_by_role("button", name="Play").click()
    heading = page.locator("h2", has_text="Draw:")
    heading.wait_for(timeout=20_000)
    return WORD_AT.search(heading.inner_text()).group(1)


def test_drawing_the_word_wins_and_the_end_screen_saves_a_nickname(server, browser):
    page = open_player(browser, server)
    word = start_game(page)
    page.wait_for_timeout(1000)  # the canvas mounts
    draw(page, shape(word))
    won = page.get_by_text("got it in")
    for dot in range(12):  # a small extra mark now and then gives the model a fresh frame
        try:
            won.wait_for(timeout=3_000)
            break
        except sync_api.TimeoutError:
            draw(page, [[(30 + 6 * dot, 490), (32 + 6 * dot, 492)]])
    won.wait_for(timeout=5_000)
    detail = page.get_by_text("The word was")
    detail.wait_for(timeout=10_000)  # the result screen replaces the game view as it renders
    assert word in detail.inner_text()
    page.get_by_label("Your nickname for the leaderboard").fill("Playwright <b>Bot</b>")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved!").wait_for(timeout=10_000)


@pytest.mark.parametrize("server", [{"SKETCH_ENABLED": "false"}], indirect=True)  # nobody wins this game
def test_reload_or_page_switch_keeps_the_game_and_the_drawing(server, browser):
    page = open_player(browser, server)
    word = start_game(page)
    page.wait_for_timeout(1000)
    assert ink_pixels(page) == 0
    draw(page, [[(100, 100), (400, 140)], [(100, 300), (400, 300)]])
    page.wait_for_timeout(1500)
    drawn = ink_pixels(page)
    assert drawn > 500
    page.get_by_role("link", name="Game").first.click()
    page.get_by_text("could not find that game").wait_for(timeout=20_000)
    page.get_by_role("link", name="Home").first.click()
    page.locator("h2", has_text="Draw:").wait_for(timeout=20_000)
    page.wait_for_timeout(1500)
    assert ink_pixels(page) > drawn * 0.8, "the drawing survives a page switch"
    page.reload()
    heading = page.locator("h2", has_text="Draw:")
    heading.wait_for(timeout=20_000)
    assert WORD_AT.search(heading.inner_text()).group(1) == word
    page.wait_for_timeout(1500)
    assert ink_pixels(page) > drawn * 0.8, "the drawing survives a reload"
    page.get_by_role("button", name="Give up").click()
    page.get_by_text("You gave up.").wait_for(timeout=10_000)


def test_third_player_queues_and_plays_when_a_game_ends(server, browser):
    alice, bob, carol = (open_player(browser, server) for _ in range(3))
    start_game(alice)
    start_game(bob)
    carol.get_by_role("button", name="Play").click()
    carol.get_by_text("You are in the queue").wait_for(timeout=20_000)
    carol.get_by_text("1 of 1").wait_for(timeout=10_000)
    alice.get_by_role("button", name="Give up").click()
    carol.locator("h2", has_text="Draw:").wait_for(timeout=20_000)


def test_spectator_sees_strokes_and_guesses_live_and_presenter_shows_a_qr_code(banana_server, browser):
    player = open_player(browser, banana_server)
    word = start_game(player)
    spectator = open_player(browser, banana_server + "/Spectate")
    spectator.get_by_text("Game 1:").wait_for(timeout=20_000)
    assert word not in spectator.locator("h3").first.inner_text(), "the word stays hidden"
    spectator.get_by_text("Waiting for the first stroke").wait_for(timeout=10_000)
    player.wait_for_timeout(1000)
    draw(player, shape(word)[:1])
    spectator.locator("img.pa-frame").first.wait_for(timeout=15_000)  # the frame, no reload
    spectator.get_by_text("banana").first.wait_for(timeout=20_000)  # and the guesses
    assert "Fake Vision" in spectator.locator("body").inner_text()
    presenter = open_player(browser, banana_server + "/Spectate?present=1")
    presenter.get_by_text("Join at").wait_for(timeout=20_000)
    qr = presenter.locator("[data-testid=stImage] img").last
    qr.wait_for(timeout=10_000)
    assert qr.evaluate("img => img.naturalWidth") > 100
    assert "arena.example.com" in presenter.locator("body").inner_text()
