"""The room's light way in: a phone from presenter mode's QR code joins and guesses without a Streamlit session.

`/room` is one static page (core/ui/room.js over the same core/ui/live.js the pages use) that asks the
app's routes (core/web.py) for where this person stands (`room_state`), sends the event code and the
nickname, then shows the game with its guess box. Every rule is the room's and the audience's: the gate
is core.audience.guess_gate, the code and the nickname go through core.room, the guesses through
/api/guess as from Spectate.
"""
from __future__ import annotations

import html
import json
import random
from typing import Any

from core.audience import guess_gate
from core.i18n import DEFAULT_LANGUAGE, Explained, bundle
from core.identity import new_player_token, player_from_token
from core.live import POLL_MS
from core.lobby import GameNotFound, check_game_id
from core.play import resting_notice
from core.store import ACTIVE

# guess_gate's steps for the person (room, nickname, resting) while no game runs: a game anyone may guess stands in.
NEXT_GAME = {"id": "", "status": ACTIVE, "hidden": 0, "player_id": None, "moderation": None}


class UnknownPlayer(Explained):
    """Reload the page: we could not tell who you are."""

    key = "rules.unknown_player"


def player_of(token: object, secret: bytes, rng: random.Random | None) -> tuple[str, str]:
    """(player id, token) for the token the browser kept; a new token when it is not ours and `rng` is given,
    else UnknownPlayer."""
    player = player_from_token(token, secret)
    if player is not None:
        return player, str(token)
    if rng is None:
        raise UnknownPlayer()
    fresh = new_player_token(secret, rng)
    return str(player_from_token(fresh, secret)), fresh


def room_game(store: Any, raw: object) -> tuple[str | None, dict | None]:
    """The game the page asks about (its id, and the row or None when there is no such game); no id asked: the
    newest running game anyone may watch (it has the most time left), or (None, None) while none runs."""
    if raw in (None, ""):
        running = store.running_public_games()
        return (running[-1]["id"], running[-1]) if running else (None, None)
    try:
        game_id = check_game_id(raw)
    except GameNotFound:
        return None, None
    return game_id, store.get_game(game_id)


def room_state(engine: Any, player_id: str, token: str, raw_game: object, origin: str, now: float,
               rng: random.Random, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """What the page shows this person: the gate's step and its words (in `lang`), the game, and their nickname."""
    store = engine.store
    game_id, game = room_game(store, raw_game)
    asked = raw_game not in (None, "")
    nickname = (store.get_player(player_id) or {}).get("nickname") or ""
    if game is None and not asked:
        gate = guess_gate(engine.audience, NEXT_GAME, False, player_id, nickname, origin, now, lang)
    else:
        refused = game is not None and store.game_refused(game_id)
        gate = guess_gate(engine.audience, game, refused, player_id, nickname, origin, now, lang)
    message = gate.message
    if gate.kind == "resting":
        message = resting_notice(engine.audience.resting_until(player_id, now) or now, now, lang)
    generated = engine.room.rules(now).generated_names
    return {"player": token, "game": game_id if game is not None else None, "gate": gate.kind, "message": message,
            "nickname": nickname, "generated": generated,
            "suggested": engine.room.suggest(rng) if gate.kind == "nickname" and generated else None}


def page_config(gap_s: float, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """What room.js needs to start: the routes' base, how often the board view asks, the guess gap, and the
    page's words in its language (room.js's and live.js's)."""
    return {"api": "/api", **POLL_MS["board"], "gap_ms": int(gap_s * 1000), "lang": lang,
            "strings": bundle(lang, "live", "room")}


def room_page(config: dict[str, Any]) -> str:
    """The light page itself: static HTML in the config's language (what it shows is drawn by core/ui/room.js)."""
    lang = config.get("lang", DEFAULT_LANGUAGE)
    data = json.dumps(config).replace("<", "\\u003c")  # inside a script element: no "</script>" can end it
    say = {key.removeprefix("room."): html.escape(text) for key, text in bundle(lang, "room").items()}
    keep = "" if lang == DEFAULT_LANGUAGE else f"&amp;lang={lang}"  # the pages the links open speak it too
    only = "" if lang == DEFAULT_LANGUAGE else f"?lang={lang}"
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>{say["title"]}</title>
<meta name="description" content="{say["description"]}">
<link rel="stylesheet" href="/ui/live.css">
<link rel="stylesheet" href="/ui/room.css">
<script type="module" src="/ui/room.js"></script>
</head>
<body>
<main id="room" class="pa-room">
<h1>{say["heading"]}</h1>
<p id="room-status" class="pa-room-status" role="status" aria-live="polite">{say["joining"]}</p>
<div id="room-step" class="pa-room-step"></div>
<div id="room-game" class="pa-room-game"></div>
<nav class="pa-room-links" aria-label="{say["more"]}">
<a href="/?room=1{keep}">{say["draw_link"]}</a>
<a href="/Spectate{only}">{say["watch_link"]}</a>
</nav>
<noscript><p>{say["noscript"]} <a href="/Spectate{only}">{say["noscript_link"]}</a>.</p></noscript>
</main>
<script type="application/json" id="room-config">{data}</script>
</body>
</html>
"""
