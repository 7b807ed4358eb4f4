"""Our live components heard and reached as well as seen: a screen reader hears each new guess once, the keyboard
reaches the drawing tools and the guess box in a known order, and the room's phone page speaks the browser's
language."""
from __future__ import annotations

import pytest
from browser_kit import canvas_ready, draw_mouse, play
from conftest import wait_for
from scripted import ScriptedGuesser

from core.share import room_url

SAID = ".pa-livebox .pa-said"  # live.js's polite live region
FOCUSED = """() => { let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a ? (a.getAttribute('aria-label') || a.getAttribute('placeholder') || a.textContent.trim()) : null; }"""


@pytest.fixture
def room(make_engine, route_client):
    """The routes over an engine with one scripted guesser (the page itself is what is tested)."""
    engine = make_engine([ScriptedGuesser("Banana bot", [(0.05, "banana")])], "cat\n")
    return route_client(engine)


@pytest.mark.parametrize("address, accept, lang, heading", [
    ("/room", "de-DE,de;q=0.9,en;q=0.5", "de", "Errate die Zeichnung"),
    ("/room", "pt-BR, es;q=0.8", "es", "Adivina el dibujo"),
    ("/room?lang=fr", "de", "fr", "Devinez le dessin"),
    ("/room?lang=klingon", "", "en", "Guess the drawing"),
    ("/room", "", "en", "Guess the drawing"),
])
def test_the_room_page_speaks_the_asked_or_the_browsers_language(room, address, accept, lang, heading):
    page = room.get(address, headers={"Accept-Language": accept} if accept else {})
    assert page.status_code == 200 and f'<html lang="{lang}">' in page.text and heading in page.text
    assert page.headers["vary"] == "Accept-Language", "a cache keeps one copy per language"
    assert f'"lang": "{lang}"' in page.text, "room.js and live.js get the same language's words"


def count_said(page) -> int:
    return int(page.locator(SAID).first.get_attribute("data-said") or 0)


def focus_order(page, names: list[str], limit: int = 80) -> list[str]:
    """Tab from the top of the page until the first of `names` has focus, then as many Tabs again: what got it."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED) == names[0]:
            break
    else:
        pytest.fail(f"Tab never reached {names[0]!r}")
    order = [names[0]]
    for _ in names[1:]:
        page.keyboard.press("Tab")
        order.append(page.evaluate(FOCUSED))
    return order


@pytest.mark.browser
@pytest.mark.slow
def test_a_new_guess_is_announced_once_and_a_push_without_one_says_nothing(quiet_app, person):
    """Two guesses, two announcements; then a new frame pushed to the same view announces nothing. The drawing tools
    and the guess box are reached by Tab in a known order on the way."""
    url = quiet_app.url
    drawer = person(url)
    play(drawer)
    canvas_ready(drawer)
    assert focus_order(drawer, ["Undo", "Redo", "Clear"]) == ["Undo", "Redo", "Clear"], \
        "Undo, Redo and Clear in that order, even with nothing to undo yet"

    phone = person(room_url(url), device="iPhone 13")
    phone.get_by_label("Your nickname, so the room knows who guessed").fill("Maya")
    phone.get_by_role("button", name="Start guessing").tap()
    box = phone.get_by_placeholder("Your guess")
    box.wait_for(timeout=20_000)
    phone.locator(SAID).wait_for(state="attached", timeout=10_000)
    assert focus_order(phone, ["Your guess", "Guess"]) == ["Your guess", "Guess"], "the guess box, then its button"
    assert count_said(phone) == 0, "opening the view announces nothing"

    send = phone.get_by_role("button", name="Guess")
    for n, word in enumerate(["banana", "kiwi"], start=1):
        assert wait_for(send.is_enabled, timeout=10, every=0.1), "the guess gap passed"
        box.fill(word)
        box.press("Enter")
        assert wait_for(lambda: count_said(phone) == n, timeout=20, every=0.1), f"guess {n} announced"
        said = phone.locator(SAID).inner_text()
        assert "Maya" in said and f"“{word}”" in said and "wrong" in said, said
    assert wait_for(lambda: "kiwi" in drawer.locator(SAID).inner_text(), timeout=20, every=0.1), \
        "the drawer hears the room's guesses too"

    draw_mouse(drawer, [[(150, 150), (300, 300)]])  # a new frame: a new document for the phone, with no new guess
    assert wait_for(lambda: phone.locator("img.pa-frame").count() > 0, timeout=20, every=0.1)
    assert count_said(phone) == 2, f"the frame's push announced something: {phone.locator(SAID).inner_text()!r}"


@pytest.mark.browser
def test_the_room_page_in_german_joins_in_german(quiet_app, person):
    phone = person(room_url(quiet_app.url), device="iPhone 13", locale="de-DE",
                   extra_http_headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert phone.locator("html").get_attribute("lang") == "de"
    assert phone.get_by_role("heading", name="Errate die Zeichnung").is_visible()
    phone.get_by_label("Dein Spitzname, damit der Raum weiß, wer geraten hat").fill("Maya")
    phone.get_by_role("button", name="Los geht's").tap()
    phone.get_by_text("Du bist dabei als Maya").wait_for(timeout=20_000)
    assert phone.get_by_role("link", name="Alle laufenden Spiele").get_attribute("href") == "/Spectate?lang=de"
