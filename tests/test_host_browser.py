"""The host runs the room from a phone in Chromium, beside a presenter screen and two guessing phones: an event code,
approve-first, and removing a person."""
from __future__ import annotations

import json
import re
import urllib.request

import pytest
from browser_kit import ADMIN_PASSWORD, screenshot
from test_room import guess, join_as, start_drawing

pytestmark = pytest.mark.browser
# The shared admin app: one word, apple; a fake model that never gets it; an admin password for the host.


def board_texts(url: str) -> list[str]:
    """Every guess text the public board shows now."""
    with urllib.request.urlopen(f"{url}/api/board", timeout=5) as r:
        return [g["text"] for game in json.loads(r.read())["games"] for g in game["guesses"]]


def test_a_host_phone_sets_a_code_approves_guesses_and_removes_a_person(admin_app, person):
    url = admin_app.url
    host = person(url + "/Host", device="iPhone 13")
    host.get_by_label("Admin password or host code").fill(ADMIN_PASSWORD)
    host.get_by_role("button", name="Sign in").tap()
    host.get_by_role("button", name="Require an event code").tap()
    host.get_by_text(re.compile(r"Event code: [A-Z0-9]{5}")).wait_for(timeout=15_000)
    code = re.search(r"Event code: ([A-Z0-9]{5})", host.locator("body").inner_text()).group(1)
    host.get_by_text("Approve people's guesses before the big screen shows them").tap()
    host.get_by_role("button", name="Save the rules").tap()
    host.get_by_text("Saved.").wait_for(timeout=10_000)
    screenshot(host, "host-phone-rules")

    presenter = person(url + "/Spectate?present=1", viewport={"width": 1400, "height": 900})
    presenter.get_by_text(f"Code: {code}").wait_for(timeout=20_000)
    drawer = start_drawing(person, url)
    presenter.get_by_text("Game 1").wait_for(timeout=20_000)

    maya = person(f"{url}/Spectate?room=1&code={code}", device="iPhone 13")  # the QR code's: the code lets her in
    maya.get_by_text("Guess this one").first.tap()
    join_as(maya, "Maya")
    guess(maya, "pear")
    maya.get_by_text("once approved").wait_for(timeout=20_000)
    assert "pear" not in board_texts(url), "not on the big screen before the host approves it"

    game_url = re.sub(r"&player=[^&]*", "", maya.url).replace(f"&code={code}", "")
    sam = person(game_url, device="iPhone 13")  # the game's address without the code: a stranger who saw the link
    sam.get_by_text("Enter the event code first").wait_for(timeout=20_000)
    assert sam.get_by_placeholder("Your guess").count() == 0
    sam.get_by_label("Event code (on the big screen, beside the QR code)").fill("WRONG")
    sam.get_by_role("button", name="Join the room").tap()
    sam.get_by_text("That is not this event's code").wait_for(timeout=10_000)
    sam.get_by_label("Event code (on the big screen, beside the QR code)").fill(code.lower())
    sam.get_by_role("button", name="Join the room").tap()
    join_as(sam, "Sam")
    guess(sam, "plum")
    sam.get_by_text("once approved").wait_for(timeout=20_000)

    host.get_by_role("tab", name="Approve").tap()
    host.get_by_text("Maya: pear").wait_for(timeout=15_000)
    screenshot(host, "host-phone-approve")
    host.locator("button", has_text="Show it").first.tap()
    presenter.locator(".pa-guess", has_text="pear").wait_for(timeout=15_000)
    assert "plum" not in presenter.locator(".pa-games").inner_text(), "only what the host approved"
    screenshot(presenter, "presenter-approved")

    host.get_by_role("tab", name="People").tap()
    host.get_by_text("Maya").first.wait_for(timeout=15_000)
    screenshot(host, "host-phone-people")
    maya_id = re.search(r"player=([A-Za-z0-9]+)\.", maya.url).group(1)
    host.locator(f".st-key-remove-{maya_id}").get_by_role("button", name="Remove").tap()
    host.get_by_text("Removed.").wait_for(timeout=10_000)
    maya.get_by_placeholder("Your guess").fill("grape")
    maya.get_by_placeholder("Your guess").press("Enter")
    maya.get_by_text("The host removed you from this room").wait_for(timeout=15_000)
    assert maya.get_by_placeholder("Your guess").is_disabled()
    maya.reload()
    maya.get_by_text("The host removed you from this room").wait_for(timeout=20_000)
    assert maya.get_by_placeholder("Your guess").count() == 0, "it stays closed after a reload"
    screenshot(maya, "phone-removed")
    guess(sam, "kiwi")  # Sam is still in
    sam.get_by_text("“kiwi”").wait_for(timeout=15_000)
    assert drawer.locator("h2", has_text="Draw: apple").count() == 1
