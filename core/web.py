"""The app's own HTTP routes beside Streamlit's pages (served by `st.App` in app.py): live JSON, frames, seats,
and the share links that unfurl in chat apps (a small Open Graph page and its PNG card).

Live views poll these instead of rerunning a Streamlit fragment every second: a poll of an unchanged
game is a cached `304`, a frame is fetched once by URL and then cached by the browser.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from typing import Callable

import anyio
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from core.audience import GameOver, GuessRefused, SlowDown, guess_message, refusal_message
from core.cards import render_card
from core.identity import player_from_token
from core.images import BadImage
from core.live import LIVE_GUESSES, Document, LiveCache, board_state, document, game_state, public
from core.lobby import BadPlayerId, GameNotFound, check_game_id
from core.moderation import PlayerResting
from core.play import browser_frame, resting_notice
from core.pool import GameNotRunning
from core.share import NOT_FOUND_PAGE, game_url, request_base, share_description, share_page, share_title, share_url
from core.spend import day_start
from core.store import StoreError

log = logging.getLogger(__name__)

IMMUTABLE = "public, max-age=31536000, immutable"
MAX_BODY = 4096
MAX_PREVIEW = 2 * 1024 * 1024
SHARE_PAGE_CACHE = "public, max-age=300"
CARD_CACHE = "public, max-age=3600"
CARDS_KEPT = 128


def _send(doc: Document, request: Request) -> Response:
    headers = {"ETag": doc.etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == doc.etag:
        return Response(status_code=304, headers=headers)
    return Response(doc.body, media_type="application/json", headers=headers)


def _not_found() -> Response:
    return JSONResponse({"error": "no such game"}, status_code=404)


def _share_not_found() -> Response:
    return HTMLResponse(NOT_FOUND_PAGE, status_code=404, headers={"Cache-Control": "public, max-age=60"})


async def _no_share(request: Request) -> Response:
    return _share_not_found()


class CardCache:
    """The share cards this process rendered lately, by game and everything a card shows (bounded, thread-safe)."""

    def __init__(self, size: int = CARDS_KEPT):
        self.size = size
        self.cards: OrderedDict[tuple, tuple[str, bytes]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> tuple[str, bytes] | None:
        """The card (its ETag and PNG) for `key`, or None."""
        with self.lock:
            hit = self.cards.get(key)
            if hit is not None:
                self.cards.move_to_end(key)
            return hit

    def put(self, key: tuple, png: bytes) -> tuple[str, bytes]:
        """Keep a rendered card; the oldest goes when full."""
        card = (f'"{hashlib.blake2b(png, digest_size=16).hexdigest()}"', png)
        with self.lock:
            self.cards[key] = card
            self.cards.move_to_end(key)
            while len(self.cards) > self.size:
                self.cards.popitem(last=False)
        return card


def api_routes(get_engine: Callable[[], object], cache: LiveCache | None = None) -> list[Route]:
    """The routes, reading the process's engine through `get_engine` at each request."""
    cache = cache or LiveCache()
    cards = CardCache()
    building: dict[object, asyncio.Task] = {}

    async def cached(key: object, build: Callable, *args: object):
        """The cached document for `key`, built once (off the event loop) however many ask at the same time."""
        hit = cache.get(key)
        if hit is not None:
            return hit
        task = building.get(key)
        if task is None:
            async def run():
                try:
                    return cache.put(key, await anyio.to_thread.run_sync(build, *args))
                finally:
                    building.pop(key, None)
            task = building[key] = asyncio.ensure_future(run())
        return await asyncio.shield(task)

    def build_live(game_id: str, now: float):
        engine = get_engine()
        game = engine.store.get_game(game_id)
        if game is None:
            return None
        guesses = engine.store.recent_guesses(game_id, LIVE_GUESSES)
        frame = engine.store.latest_frame_meta(game_id)
        snap = engine.pool.snapshot(game_id)  # only the process that runs the game knows who is thinking
        extra = dict(thinking=snap.thinking, notes=snap.notes) if snap else {}
        owner_doc = document(game_state(game, guesses, frame, owner=True, **extra), now)
        public_doc = document(game_state(game, guesses, frame, owner=False, **extra), now) \
            if public(game, engine.store.game_refused(game_id)) else None
        return game["player_id"], public_doc, owner_doc

    async def live(request: Request) -> Response:
        try:
            game_id = check_game_id(request.path_params["game_id"])
        except GameNotFound:
            return _not_found()
        built = await cached(("live", game_id), build_live, game_id, time.time())
        if built is None:
            return _not_found()
        owner_id, public_doc, owner_doc = built
        engine = get_engine()
        viewer = player_from_token(request.query_params.get("player"), engine.player_secret)
        doc = owner_doc if viewer is not None and viewer == owner_id else public_doc
        return _send(doc, request) if doc is not None else _not_found()

    def build_board(show_words: bool, shown: int, now: float) -> Document:
        engine = get_engine()
        store = engine.store
        games = [(g, store.recent_guesses(g["id"], shown), store.latest_frame_meta(g["id"]))
                 for g in store.running_public_games()]
        return document(board_state(games, show_words=show_words, queue_length=engine.lobby.queue_length(),
                                    winners=store.recent_winners(limit=5), finished=store.recent_finished(limit=8),
                                    guesses_shown=shown, tally=store.people_vs_models(day_start(now))), now)

    async def board(request: Request) -> Response:
        show_words = request.query_params.get("words") == "1"
        shown = 4 if request.query_params.get("guesses") == "4" else 8
        doc = await cached(("board", show_words, shown), build_board, show_words, shown, time.time())
        return _send(doc, request)

    def read_frame(game_id: str, seq: int, token: str | None) -> tuple[bytes, bool] | None:
        engine = get_engine()
        game = engine.store.get_game(game_id)
        if game is None:
            return None
        owner = player_from_token(token, engine.player_secret) == game["player_id"]
        if not owner and not public(game, engine.store.game_refused(game_id)):
            return None
        png = engine.store.frame_png(game_id, seq)
        return (png, owner) if png else None

    async def frame(request: Request) -> Response:
        try:
            game_id = check_game_id(request.path_params["game_id"])
            seq = int(request.path_params["seq"])
        except (GameNotFound, ValueError):
            return _not_found()
        found = await anyio.to_thread.run_sync(read_frame, game_id, seq, request.query_params.get("player"))
        if found is None:
            return _not_found()
        png, owner = found
        return Response(png, media_type="image/png",
                        headers={"Cache-Control": "private, max-age=31536000, immutable" if owner else IMMUTABLE})

    def read_replay(game_id: str) -> bytes | None:
        return get_engine().store.get_replay(game_id) if shared_game(game_id) is not None else None

    async def replay(request: Request) -> Response:
        try:
            game_id = check_game_id(request.path_params["game_id"])
        except GameNotFound:
            return _not_found()
        gif = await anyio.to_thread.run_sync(read_replay, game_id)
        if gif is None:
            return _not_found()
        return Response(gif, media_type="image/gif", headers={"Cache-Control": "public, max-age=3600"})

    def shared_game(game_id: str) -> dict | None:
        """A game anyone may share: it exists, is over, and is not hidden by moderation."""
        game = get_engine().store.get_game(game_id)
        if game is None or game["hidden"] or game["status"] == "active":
            return None
        return game

    def build_share_page(game_id: str, base: str) -> str | None:
        game = shared_game(game_id)
        if game is None:
            return None
        here = share_url(base, game_id)
        return share_page(share_title(game), share_description(game, get_engine().store.game_guesses(game_id)),
                          here, f"{here}/card.png", game_url(base, game_id))

    async def share(request: Request) -> Response:
        """A share link: Open Graph and Twitter card tags for chat apps, then on to the game's page."""
        try:
            game_id = check_game_id(request.path_params["game_id"])
        except GameNotFound:
            return _share_not_found()
        settings = get_engine().settings
        base = request_base(settings.PUBLIC_URL, request.url.scheme, request.headers.get("host", ""), request.headers,
                            request.client.host if request.client else None, settings.TRUSTED_PROXIES)
        page = await anyio.to_thread.run_sync(build_share_page, game_id, base)
        if page is None:
            return _share_not_found()
        return HTMLResponse(page, headers={"Cache-Control": SHARE_PAGE_CACHE,
                                           "Vary": "Host, X-Forwarded-Host, X-Forwarded-Proto"})

    def build_card(game_id: str) -> tuple[str, bytes] | None:
        game = shared_game(game_id)
        if game is None:
            return None
        frame = get_engine().store.latest_frame_meta(game_id)
        key = (game_id, game["word"], game["status"], game["winner"], game["winner_human"], game["duration_s"],
               game["game_seconds"], game["wrote_word"], frame["seq"] if frame else 0)
        hit = cards.get(key)
        if hit is not None:
            return hit
        png = get_engine().store.frame_png(game_id, frame["seq"]) if frame else None
        return cards.put(key, render_card(game, png))

    async def card(request: Request) -> Response:
        """The picture a share link unfurls with (1200x630 PNG)."""
        try:
            game_id = check_game_id(request.path_params["game_id"])
        except GameNotFound:
            return _share_not_found()
        found = await anyio.to_thread.run_sync(build_card, game_id)
        if found is None:
            return _share_not_found()
        etag, png = found
        headers = {"Cache-Control": CARD_CACHE, "ETag": etag}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        return Response(png, media_type="image/png", headers=headers)

    def heartbeat(token: object) -> dict | None:
        engine = get_engine()
        player = player_from_token(token, engine.player_secret)
        if player is None:
            return None
        seat = engine.lobby.heartbeat(player, time.time())
        return {"state": seat.state, "game": seat.game_id, "deadline": seat.deadline, "position": seat.position,
                "queue": seat.queue_length, "wait": seat.wait_s, "here": seat.here, "now": time.time()}

    async def seat(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY:
            return JSONResponse({"error": "too large"}, status_code=413)
        try:
            token = json.loads(body or b"{}").get("player")
        except (ValueError, AttributeError):
            return JSONResponse({"error": "expected JSON with a player"}, status_code=400)
        try:
            answer = await anyio.to_thread.run_sync(heartbeat, token)
        except BadPlayerId:
            answer = None
        if answer is None:
            return JSONResponse({"error": "unknown player"}, status_code=403)
        return JSONResponse(answer, headers={"Cache-Control": "no-store"})

    def take_preview(game_id: str, token: object, png: bytes) -> int:
        engine = get_engine()
        game = engine.store.get_game(game_id)
        if game is None or player_from_token(token, engine.player_secret) != game["player_id"]:
            return 403
        if not engine.pool.is_running(game_id):
            return 409
        try:
            frame, ink = browser_frame(png)
            if ink:  # a blank canvas has nothing to guess
                engine.pool.submit_frame(game_id, frame, ink=ink)
        except BadImage:
            return 400
        except GameNotRunning:
            return 409
        return 204

    async def preview(request: Request) -> Response:
        """A frame of the stroke still being drawn, sent by the canvas itself (the rerun comes at its end)."""
        try:
            game_id = check_game_id(request.path_params["game_id"])
        except GameNotFound:
            return _not_found()
        body = await request.body()
        if len(body) > MAX_PREVIEW:
            return JSONResponse({"error": "too large"}, status_code=413)
        status = await anyio.to_thread.run_sync(take_preview, game_id, request.query_params.get("player"), body)
        return Response(status_code=status)

    def take_guess(game_id: str, token: object, text: object) -> tuple[int, dict]:
        engine = get_engine()
        player = player_from_token(token, engine.player_secret)
        if player is None:
            return 403, {"message": "Reload the page: we could not tell who you are."}
        now = time.time()
        try:
            g = engine.audience.guess(game_id, player, text, now)
        except PlayerResting as exc:
            return 403, {"message": resting_notice(exc.until, now)}
        except SlowDown as exc:
            return 429, {"message": refusal_message(exc)}
        except GameOver as exc:
            return 409, {"message": refusal_message(exc), "over": True}
        except GuessRefused as exc:
            return 400, {"message": refusal_message(exc)}
        except StoreError:
            log.exception("a guess for %s could not be stored", game_id)
            return 503, {"message": "We could not take that guess just now: please send it again."}
        return 200, {"won": g.won, "correct": g.correct, "message": guess_message(g)}

    async def guess(request: Request) -> Response:
        """A person's guess for a running game, from the guess box of its Spectate view."""
        try:
            game_id = check_game_id(request.path_params["game_id"])
        except GameNotFound:
            return _not_found()
        body = await request.body()
        if len(body) > MAX_BODY:
            return JSONResponse({"message": "That guess is too long."}, status_code=413)
        try:
            data = json.loads(body or b"{}")
            token, text = data.get("player"), data.get("text")
        except (ValueError, AttributeError):
            return JSONResponse({"message": "expected JSON with a player and a text"}, status_code=400)
        status, answer = await anyio.to_thread.run_sync(take_guess, game_id, token, text)
        return JSONResponse(answer, status_code=status, headers={"Cache-Control": "no-store"})

    async def health(request: Request) -> Response:
        engine = get_engine()
        return JSONResponse({"ok": True, "games": len(engine.lobby.running_games()),
                             "queue": engine.lobby.queue_length(), "process": engine.lobby.process_id},
                            headers={"Cache-Control": "no-store"})

    return [
        Route("/api/live/{game_id}", live),
        Route("/api/board", board),
        Route("/api/frame/{game_id}/{seq}", frame),
        Route("/api/replay/{game_id}", replay),
        Route("/api/seat", seat, methods=["POST"]),
        Route("/api/canvas/{game_id}", preview, methods=["POST"]),
        Route("/api/guess/{game_id}", guess, methods=["POST"]),
        Route("/api/health", health),
        Route("/share/{game_id}", share),
        Route("/share/{game_id}/card.png", card),
        Route("/share", _no_share),
        Route("/share/{rest:path}", _no_share),  # anything else under /share is no game, not a Streamlit page
    ]
