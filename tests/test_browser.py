"""Real flows in Debian's Chromium against `streamlit run app.py`: play, reload, queue, watch."""
from __future__ import annotations

import pytest
from browser_kit import canvas_ready, draw_mouse, drawing_word, ink_pixels, play, screenshot, stored_ink
from conftest import wait_for
from harness import shape

pytestmark = pytest.mark.browser


def test_drawing_the_word_wins_and_the_end_screen_saves_a_nickname(sketch_app, person):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    page = person(sketch_app.url)
    word = play(page)
    canvas_ready(page)
    draw_mouse(page, shape(word))
    won = page.get_by_text("got it in")
    for dot in range(12):  # a small extra mark now and then gives the model a fresh frame
        try:
            won.wait_for(timeout=3_000)
            break
        except PlaywrightTimeout:
            if ink_pixels(page) < 2_000:  # the shape did not reach the canvas (a redraw under load): draw it again
                draw_mouse(page, shape(word))
            else:
                draw_mouse(page, [[(30 + 6 * dot, 490), (32 + 6 * dot, 492)]])
    if not won.count():
        game = sketch_app.game_of(page)
        said = [g["text"] or g["error"] for g in sketch_app.store.game_guesses(game["id"])]
        screenshot(page, "sketch-not-won")
        pytest.fail(f"the offline model never named {word!r}: game {game['status']}, ink {ink_pixels(page)}, "
                    f"stored ink {stored_ink(sketch_app.store, game['id'])}, it said {said[-8:]}")
    detail = page.get_by_text("The word was")
    detail.wait_for(timeout=10_000)  # the result screen replaces the game view as it renders
    assert word in detail.inner_text()
    page.get_by_label("Your nickname for the leaderboard").fill("Playwright <b>Bot</b>")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved!").wait_for(timeout=10_000)
    assert sketch_app.store.get_player(sketch_app.game_of(page)["player_id"])["nickname"] == "Playwright <b>Bot</b>"


def test_reload_or_page_switch_keeps_the_game_and_the_drawing(vision_app, person):
    page = person(vision_app.url)  # the model only ever says banana: nobody wins this game
    word = play(page)
    canvas_ready(page)
    assert ink_pixels(page) == 0
    draw_mouse(page, [[(100, 100), (400, 140)], [(100, 300), (400, 300)]])
    assert wait_for(lambda: ink_pixels(page) > 500, timeout=10)
    drawn = ink_pixels(page)
    game_id = vision_app.game_of(page)["id"]
    assert wait_for(lambda: '"objects":[{' in (vision_app.store.draft(game_id) or ""), timeout=15), \
        "the drawing reaches the server before the page is left"
    page.get_by_role("link", name="Game").first.click()
    page.get_by_text("could not find that game").wait_for(timeout=20_000)
    page.get_by_role("link", name="Home").first.click()
    assert drawing_word(page, 20_000) == word
    assert wait_for(lambda: ink_pixels(page) > drawn * 0.8, timeout=10), "the drawing survives a page switch"
    page.reload()
    assert drawing_word(page, 20_000) == word
    assert wait_for(lambda: ink_pixels(page) > drawn * 0.8, timeout=10), "the drawing survives a reload"
    page.get_by_role("button", name="Give up").click()
    page.get_by_text("You gave up.").wait_for(timeout=10_000)


def test_third_player_queues_and_plays_when_a_game_ends(quiet_app, person):
    alice, bob, carol = (person(quiet_app.url) for _ in range(3))
    play(alice)
    play(bob)  # two games at once: the cap is full
    carol.get_by_role("button", name="Play").click()
    carol.get_by_text("You are in the queue").wait_for(timeout=20_000)
    carol.get_by_text("1 of 1").wait_for(timeout=10_000)
    alice.get_by_role("button", name="Give up").click()
    drawing_word(carol, 20_000)


def test_spectator_sees_strokes_and_guesses_live_and_presenter_shows_a_qr_code(vision_app, person):
    player = person(vision_app.url)
    word = play(player)
    spectator = person(vision_app.url + "/Spectate")
    spectator.get_by_text("Game 1:").wait_for(timeout=20_000)
    assert word not in spectator.locator(".pa-game-title").first.inner_text(), "the word stays hidden"
    spectator.get_by_text("Waiting for the first stroke").wait_for(timeout=10_000)
    canvas_ready(player)
    draw_mouse(player, shape(word)[:1])
    spectator.locator("img.pa-frame").first.wait_for(timeout=15_000)  # the frame, no reload
    spectator.get_by_text("banana").first.wait_for(timeout=20_000)  # and the guesses
    assert "Fake Vision" in spectator.locator("body").inner_text()
    presenter = person(vision_app.url + "/Spectate?present=1")
    presenter.get_by_text("Join at").wait_for(timeout=20_000)
    qr = presenter.locator("[data-testid=stImage] img").last
    qr.wait_for(timeout=10_000)
    assert qr.evaluate("img => img.naturalWidth") > 100
    assert "arena.example.com" in presenter.locator("body").inner_text()
