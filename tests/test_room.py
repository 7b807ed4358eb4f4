"""The room plays too, in Chromium: a drawer at a desk and two people on phones guess the same live game."""
from __future__ import annotations

import re

import pytest
from browser_kit import canvas_ready, draw_mouse, play, screenshot
from conftest import wait_for

pytestmark = pytest.mark.browser
# The shared vision app: one word, apple, and a fake vision model that never gets it (so the room can win),
# recording what it is told.


def phone(person, url):
    return person(url, device="iPhone 13")


def start_drawing(person, url: str):
    """A drawer at a desk, playing the one word."""
    drawer = person(url)
    assert play(drawer) == "apple"
    return drawer


def join_as(page, nickname: str) -> None:
    page.get_by_label("Your nickname, so the room knows who guessed").fill(nickname)
    page.get_by_role("button", name="Start guessing").tap()


def guess(page, text: str) -> None:
    box = page.get_by_placeholder("Your guess")
    box.wait_for(timeout=20_000)
    box.fill(text)
    box.press("Enter")


def test_people_on_phones_race_the_models_and_one_of_them_wins(vision_app, vision, person):
    url, fake = vision_app.url, vision
    drawer = start_drawing(person, url)
    canvas_ready(drawer)
    draw_mouse(drawer, [[(150, 150), (300, 300)]])

    maya = phone(person, url + "/Spectate")
    maya.get_by_text("Guess this one").first.tap()
    join_as(maya, "Maya")
    guess(maya, "pear <b>tree</b>")
    maya.get_by_text("Keep guessing").wait_for(timeout=20_000)
    screenshot(maya, "phone-390-guessing")
    drawer.get_by_text("👤 Maya").wait_for(timeout=5_000)  # on the drawer's screen, as text
    assert "pear <b>tree</b>" in drawer.locator(".pa-live").inner_text()
    asked = fake.count
    draw_mouse(drawer, [[(300, 150), (150, 300)]])  # a new frame: the models are asked again
    assert wait_for(lambda: fake.count > asked and "pear <b>tree</b>" in " ".join(fake.last().texts()), timeout=10), \
        "the next model prompt lists it as guessed"

    game_url = re.sub(r"&player=[^&]*", "", maya.url)  # the game's address, without Maya's identity
    sam = phone(person, game_url)
    join_as(sam, "Sam")
    guess(sam, "an apple!")
    sam.get_by_text("You got it in").wait_for(timeout=20_000)
    drawer.get_by_text(re.compile(r"Sam guessed it in [\d.]+ s, ahead of the models")).wait_for(timeout=10_000)
    maya.get_by_text(re.compile(r"Game over: 👤 Sam guessed it in")).wait_for(timeout=10_000)


def test_the_drawers_own_guess_box_refuses(vision_app, person):
    url = vision_app.url
    drawer = start_drawing(person, url)
    token = re.search(r"player=([^&]+)", drawer.url).group(1)
    own = person(f"{url}/Spectate?player={token}")
    own.get_by_text("Guess this one").first.click()
    own.get_by_text("This is your own drawing").wait_for(timeout=20_000)
    assert own.get_by_placeholder("Your guess").count() == 0


def test_a_guesser_follows_the_room_to_the_next_game_without_leaving_the_page(vision_app, person):
    url = vision_app.url
    start_drawing(person, url)
    maya = phone(person, url + "/Spectate")
    maya.get_by_text("Guess this one").first.tap()
    join_as(maya, "Maya")
    guess(maya, "apple")
    maya.get_by_text("You got it in").wait_for(timeout=20_000)
    maya.evaluate("window.__samePage = true")
    first_game = re.search(r"game=([0-9a-f]+)", maya.url).group(1)

    second = start_drawing(person, url)
    next_game = maya.get_by_role("button", name="Guess the next game")
    next_game.wait_for(timeout=20_000)
    screenshot(maya, "phone-390-next-game")
    next_game.tap()
    guess(maya, "an apple")
    maya.get_by_text("You got it in").wait_for(timeout=20_000)
    second.get_by_text(re.compile(r"Maya guessed it in [\d.]+ s, ahead of the models")).wait_for(timeout=10_000)
    assert maya.evaluate("window.__samePage === true"), "the page was not reloaded"
    assert re.search(r"game=([0-9a-f]+)", maya.url).group(1) != first_game, "the address names the game shown"
