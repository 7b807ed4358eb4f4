"""Accessibility, checked by axe-core in Chromium: every page and state, at a desk and on an iPhone 13, has no
serious or critical violation (the few that Streamlit's own markup causes are waived below, each with its reason)."""
from __future__ import annotations

import json
import time

import pytest
from browser_kit import ADMIN_PASSWORD, canvas_ready, draw_mouse, page_settled, play, screenshot
from conftest import _shared_app, vision_settings, wait_for
from harness import interpolate, to_screen, touch_stroke

pytestmark = pytest.mark.browser
DEVICES = [None, "iPhone 13"]  # None: the desktop screen of browser_kit.DESKTOP
BLOCKING = {"serious", "critical"}
AXE_OPTIONS = {"resultTypes": ["violations"], "frameWaitTime": 10_000}
# Violations in markup that Streamlit itself renders, which our code cannot change: rule -> {selector: reason}.
# A node is waived only when it lies inside the selector; the README's "Accessibility" section lists them too.
WAIVED: dict[str, dict[str, str]] = {}
GUESS_LINES = ".pa-guess:not(.pa-empty):not(.pa-thinking):not(.pa-note)"

RUN_AXE_JS = """async ([options, waived]) => {
  const find = target => {  // axe's target: a selector, or a list of them through iframes and shadow roots
    let root = document, el = null;
    for (const sel of [].concat(target)) {
      el = Array.isArray(sel) ? null : root.querySelector(sel);
      if (!el) return null;
      root = el.contentDocument || el.shadowRoot || el;
    }
    return el;
  };
  const waivedNode = (rule, node) => {
    const el = find(node.target);
    return !!el && Object.keys(waived[rule] || {}).some(sel => el.closest(sel));
  };
  const results = await axe.run(document, options);
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.filter(n => !waivedNode(v.id, n))
                  .map(n => ({target: n.target, html: n.html.slice(0, 160), why: n.failureSummary})),
  })).filter(v => v.nodes.length);
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's script, as the axe-playwright-python package bundles it."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="pip install axe-playwright-python")
    return axe.Axe().axe_script


@pytest.fixture(scope="module")
def arena(tmp_path_factory, vision):
    """This module's app: the fake vision model guesses, one game at a time (a second player queues), an admin
    password, and finished games for the Leaderboard, Game and Stats pages."""
    from seed import seed_games
    for app in _shared_app(tmp_path_factory, "a11y-app", "apple\n", ADMIN_PASSWORD=ADMIN_PASSWORD,
                           MAX_CONCURRENT_GAMES="1", WRITTEN_WORD_CHECK="false",
                           PUBLIC_URL="https://arena.example.com", **vision_settings(vision),
                           STREAMLIT_SERVER_FILE_WATCHER_TYPE="none"):  # no "File change. Rerun" prompt mid-run
        seed_games(app.store, now=time.time())
        yield app


def violations(page, axe_source: str) -> list[dict]:
    """axe's violations on the page as it is now, in every frame (the canvas is a component's iframe), less the
    waived ones."""
    for frame in page.frames:
        frame.evaluate(axe_source)
    return page.evaluate(RUN_AXE_JS, [AXE_OPTIONS, WAIVED])


def report(found: dict[str, list[dict]], impacts: set[str]) -> str:
    """The violations of the given impacts, state by state, one line a node."""
    lines = []
    for state, found_here in found.items():
        for v in found_here:
            if v["impact"] in impacts:
                lines.append(f"{state}: [{v['impact']}] {v['id']}: {v['help']}")
                lines += [f"    {json.dumps(n['target'])}  {n['html']}\n      {n['why']}".replace("\n", "\n      ")
                          for n in v["nodes"][:4]]
    return "\n".join(lines)


def draw_until_guessed(page, phone: bool) -> None:
    """Strokes on the canvas until the models' guesses show beside it."""
    box = canvas_ready(page)
    cdp = page.context.new_cdp_session(page) if phone else None
    for dot in range(20):
        stroke = [(60 + 15 * dot, 100), (200 + 10 * dot, 400)]
        if phone:
            touch_stroke(cdp, to_screen(box, interpolate(stroke)))
        else:
            draw_mouse(page, [stroke], pause_ms=0)
        if wait_for(lambda: page.locator(GUESS_LINES).count() >= 1, timeout=1.5, every=0.1):
            return
    pytest.fail("no guess came to the game view")


def opened(page, path: str) -> None:
    """Wait for the page's heading; a page that never shows one fails here, by name, with a screenshot."""
    try:
        page.locator("h1").first.wait_for(timeout=20_000)
    except Exception:
        shot = screenshot(page, "a11y-" + path.strip("/").split("?")[0])
        pytest.fail(f"{path} showed no heading (see {shot})")


@pytest.mark.parametrize("device", DEVICES, ids=["desktop", "iphone13"])
def test_every_page_and_state_has_no_serious_or_critical_axe_violation(arena, vision, person, axe_source, device):
    url, size = arena.fresh().url, device or "desktop"
    vision.reset()
    found: dict[str, list[dict]] = {}

    def check(page, state: str, settle: bool = True) -> None:
        if settle:
            page_settled(page)
        found[f"{state} ({size})"] = violations(page, axe_source)

    drawer = person(url, device=device)
    drawer.get_by_role("button", name="Play").wait_for(timeout=20_000)
    check(drawer, "Home lobby")
    if device:
        drawer.get_by_role("button", name="Play").tap()
    else:
        play(drawer)
    draw_until_guessed(drawer, phone=bool(device))
    check(drawer, "Home game with guesses")
    game_id = arena.game_of(drawer)["id"]

    other = person(url, device=device)
    other.get_by_role("button", name="Play").click()
    other.get_by_text("You are in the queue").wait_for(timeout=20_000)
    check(other, "Home queue")
    other.get_by_role("button", name="Leave the queue").click()
    other.get_by_role("button", name="Play").wait_for(timeout=20_000)

    for path, state in [("/Spectate", "Spectate"), ("/Spectate?present=1", "Presenter")]:
        other.goto(url + path)
        other.locator(".pa-game").first.wait_for(timeout=20_000)
        check(other, state)
    other.goto(f"{url}/Spectate?game={game_id}")
    other.get_by_label("Your nickname, so the room knows who guessed").fill("Ada")
    other.get_by_role("button", name="Start guessing").click()
    other.get_by_placeholder("Your guess").wait_for(timeout=20_000)
    check(other, "Spectate one game, guessing")
    room = person(url + "/room", device=device)
    room.get_by_placeholder("Your guess").or_(room.locator("#room-step input")).first.wait_for(timeout=20_000)
    check(room, "/room", settle=False)

    drawer.get_by_role("button", name="Give up").click()
    drawer.get_by_role("button", name="Play again").wait_for(timeout=20_000)
    check(drawer, "Home result")

    for path, state in [("/Leaderboard", "Leaderboard"), ("/Game?game=000000000001", "Game"), ("/Stats", "Stats"),
                        ("/About", "About")]:
        other.goto(url + path)
        opened(other, path)
        check(other, state)
    for path, label, sign_in, state, shown in [
            ("/Admin", "Admin password", "Sign in", "Admin signed in", "Drawings waiting for review"),
            ("/Host", "Admin password or host code", "Sign in", "Host signed in", "Event code")]:
        other.goto(url + path)
        other.get_by_label(label).fill(ADMIN_PASSWORD)
        other.get_by_role("button", name=sign_in).click()
        other.get_by_text(shown).first.wait_for(timeout=20_000)
        check(other, state)

    blocking = report(found, BLOCKING)
    print(report(found, {"moderate", "minor"}) or "no moderate or minor violations")  # the README lists these
    assert not blocking, f"serious or critical accessibility violations:\n{blocking}"
