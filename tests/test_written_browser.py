"""Draw, don't write, in Chromium against `streamlit run`: the word written on the real canvas flags the game."""
from __future__ import annotations

import pytest
from browser_kit import canvas_ready, caught_up, draw_mouse, play, token_of
from conftest import wait_for
from test_writing import written

pytestmark = pytest.mark.browser
HOUSE = [[(150, 250), (350, 250), (350, 420), (150, 420), (150, 250)], [(140, 255), (250, 130), (360, 255)]]


def play_and_draw(app, vision, person, strokes) -> object:
    """A new player draws the strokes, the model names the word (a fresh mark gives it a new frame); the game
    is won."""
    from fake_providers import ok
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    page = person(app.url)
    assert play(page) == "apple"  # the shared vision app's one word
    canvas_ready(page)
    draw_mouse(page, strokes)
    game_id = app.game_of(page)["id"]
    assert wait_for(lambda: caught_up(app.store, page, game_id), timeout=15), "the whole drawing reached the server"
    vision.push(*[ok("apple", delay=0.2)] * 20)
    won = page.get_by_text("Fake Vision got it in")
    for dot in range(10):
        try:
            won.wait_for(timeout=2_000)
            break
        except PlaywrightTimeout:
            draw_mouse(page, [[(20 + 8 * dot, 500), (23 + 8 * dot, 503)]])
    won.wait_for(timeout=5_000)
    vision.reset()
    return page


def as_points(strokes) -> list:
    return [list(zip(xs, ys)) for xs, ys in strokes]


def test_a_written_word_keeps_the_game_off_the_leaderboard_and_an_honest_drawing_does_not(vision_app, vision,
                                                                                         person, ocr):
    honest = play_and_draw(vision_app, vision, person, HOUSE)
    honest_game = vision_app.game_of(honest)["id"]
    cheat = play_and_draw(vision_app, vision, person, as_points(written("APPLE", "futural", 80, 0.1)))
    cheat_game = vision_app.game_of(cheat)["id"]
    cheat.get_by_text("not on the leaderboard: the word was written in the drawing").wait_for(timeout=20_000)
    # One thread reads every game's frames, the oldest game first, and a game's last frame as soon as it ends:
    # the honest game, over before the cheat's began, has had its last check by the time the cheat is flagged.
    assert vision_app.store.get_game(honest_game)["wrote_word"] == 0
    assert honest.get_by_text("not on the leaderboard").count() == 0
    board = {g["id"] for g in vision_app.store.leaderboard()}
    assert honest_game in board and cheat_game not in board
    cheat.goto(f"{vision_app.url}/Leaderboard?player={token_of(cheat)}")
    cheat.locator("[data-testid=stDataFrame]").first.wait_for(timeout=20_000)
    assert "Your best" not in cheat.locator("body").inner_text(), "the cheat's game is nowhere on the board"
    honest.goto(f"{vision_app.url}/Leaderboard?player={token_of(honest)}")
    honest.get_by_text("Your best").first.wait_for(timeout=20_000)
