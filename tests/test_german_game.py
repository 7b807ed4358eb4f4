"""A game played in German end to end, in Chromium with a German browser: the page, the word, the models asked in
German, an English answer judged by the game's language, a German answer winning, the result and the share card."""
from __future__ import annotations

import re
import urllib.request

import pytest
from browser_kit import canvas_ready, draw_mouse, screenshot
from conftest import wait_for
from fake_providers import ok

from core.i18n import t

pytestmark = pytest.mark.browser
STROKES = [[(120, 160), (380, 160)], [(250, 60), (250, 420)], [(140, 300), (360, 330)], [(200, 90), (300, 400)]]


def fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=20) as reply:
        return reply.headers.get("Content-Type", ""), reply.read()


def test_a_german_browser_plays_in_german_and_a_german_answer_wins(vision_app, vision, person):
    drawer = person(vision_app.url, locale="de-DE")  # Accept-Language and the browser's locale say German
    drawer.get_by_role("button", name=t("de", "home.play")).click()
    drawer.locator("h2", has_text="Zeichne:").wait_for(timeout=30_000)
    assert re.search(r"Zeichne:\s*Apfel", drawer.locator("h2", has_text="Zeichne:").inner_text()), \
        "the drawer reads the word in the game's language"
    game = vision_app.game_of(drawer)
    assert game["lang"] == "de" and game["word"] == "apple", "the game keeps its language and its concept"

    vision.push(ok("apple"), ok("Äpfel"))  # English first (not the word of a German game), then a German plural
    canvas_ready(drawer)
    for stroke in STROKES:  # a drawing that changes is asked about again, until the German answer has come
        draw_mouse(drawer, [stroke])
        if wait_for(lambda: vision_app.store.get_game(game["id"])["status"] != "active", timeout=8):
            break
    ended = vision_app.store.get_game(game["id"])

    def said() -> list:
        return [(g["text"], g["correct"]) for g in vision_app.store.game_guesses(game["id"])]
    assert ended["status"] == "won", f"the game was not won: the model said {said()}"
    # the win is claimed in the database at once; the guess rows follow with the writer's next batch
    assert wait_for(lambda: ("apple", 0) in said() and ("Äpfel", 1) in said(), timeout=10), said()
    assert "Deutsch" in " ".join(vision.last().texts()), "the model was asked to answer in German"

    drawer.get_by_text(re.compile(r"Fake Vision hat es in [\d.,]+ s erraten")).first.wait_for(timeout=20_000)
    screenshot(drawer, "german-result")

    kind, page = fetch(f"{vision_app.url}/share/{game['id']}")
    assert "text/html" in kind and "hat meine Zeichnung „Apfel“" in page.decode(), "the share page speaks German"
    kind, card = fetch(f"{vision_app.url}/share/{game['id']}/card.png")
    assert kind == "image/png" and card.startswith(b"\x89PNG"), "the share card is served"
