"""The app's own HTTP routes beside Streamlit's pages (served by `st.App` in app.py): live JSON, frames, seats,
guesses, and the share links that unfurl in chat apps (a small Open Graph page and its PNG card).

Live views poll these instead of rerunning a Streamlit fragment every second: a poll of an unchanged
game is a cached `304`, a frame is fetched once by URL and then cached by the browser. Or they subscribe
to the same documents pushed as Server-Sent Events (`/api/stream/...`, built once per change for every
subscriber by core.push), and poll only when the stream does not come through. Each endpoint
is a module-level function of (`Api`, request); the rules live in the modules that own them (who may
see a game: core.visibility; a guess: core.audience; a frame: core.play), and a domain exception
becomes an HTTP answer through one table (`ANSWERS`). Request bodies are read as a stream under a cap.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import random
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import partial
from typing import Any, AsyncIterator, Awaitable, Callable

import anyio
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from core.access import client_address
from core.audience import GameOver, GuessRefused, SlowDown, guess_message
from core.cards import render_card
from core.i18n import DEFAULT_LANGUAGE, Explained, choose_language, explain, from_accept_language, t
from core.identity import is_host_token, player_from_token
from core.images import BadImage
from core.join import UnknownPlayer, page_config, player_of, room_page, room_state
from core.live import LIVE_GUESSES, Document, LiveCache, board_state, document, game_state
from core.lobby import BadPlayerId, GameNotFound, check_game_id
from core.moderation import PlayerResting
from core.nicknames import BadNickname
from core.play import NotYourGame, resting_notice, take_preview
from core.pool import GameNotRunning
from core.push import Edition, Hub, Subscription
from core.room import RoomRefused
from core.share import NOT_FOUND_PAGE, game_lang, game_url, request_base, share_description, share_page, share_title, share_url
from core.spend import day_start
from core.store import StoreError
from core.ui import asset
from core.visibility import ANYONE, HOST, Viewer, may_see, shareable, shown_guesses

log = logging.getLogger(__name__)

IMMUTABLE = "public, max-age=31536000, immutable"
MAX_BODY = 4096
MAX_PREVIEW = 512 * 1024  # a 512 px canvas PNG is well under this (a busy drawing: ~60 KB)
SHARE_PAGE_CACHE = "public, max-age=300"
CARD_CACHE = "public, max-age=3600"
CARDS_KEPT = 128
FRAME_BYTES_KEPT = 32 * 1024 * 1024  # the frames this process keeps in memory (a frame: a few KB to ~60 KB)
HEARTBEAT_S = 15.0  # a comment line down an idle stream this often, so no proxy or phone calls it dead
FIRST_EDITION_S = 10.0  # a stream whose first document takes longer answers 503 (the view polls instead)
STREAM_HEADERS = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
STREAM_GONE = b"event: gone\ndata: null\n\n"


class BodyTooLarge(Exception):
    """That request is too large."""


class BadBody(Exception):
    """Expected a small JSON object."""


class Forbidden(Exception):
    """Reload the page: we could not tell who you are."""


class Conflict(Exception):
    """That game is not running."""


class TooManyStreams(Exception):
    """This server pushes to as many views as it may: this one asks instead."""


# A domain exception's HTTP answer: (status, the catalogue key of its JSON message or None for the exception's own
# words, extra fields).
ANSWERS: dict[type[Exception], tuple[int, str | None, dict]] = {
    GameNotFound: (404, "admin.api_no_such_game", {}),
    BodyTooLarge: (413, None, {}),
    BadBody: (400, None, {}),
    BadImage: (400, None, {}),
    Forbidden: (403, None, {}),
    NotYourGame: (403, None, {}),
    BadPlayerId: (403, "admin.api_unknown_player", {}),
    Conflict: (409, None, {}),
    GameNotRunning: (409, "admin.api_not_running", {}),
    RoomRefused: (403, None, {"closed": True}),
    SlowDown: (429, None, {}),
    GameOver: (409, None, {"over": True}),
    GuessRefused: (400, None, {}),
    BadNickname: (400, None, {}),
    UnknownPlayer: (403, None, {}),
    StoreError: (503, "admin.api_database", {}),
    TooManyStreams: (503, None, {}),
}


def answer_for(exc: Exception, lang: str = DEFAULT_LANGUAGE) -> tuple[int, dict]:
    """The status and JSON body a domain exception answers with (the most specific entry of ANSWERS); a refusal
    a person reads (core.i18n.Explained) and the table's own messages in `lang`."""
    for kind in type(exc).__mro__:
        if kind in ANSWERS:
            status, message, extra = ANSWERS[kind]
            text = t(lang, message) if message else (explain(exc, lang) if isinstance(exc, Explained) else
                               str(exc) or exc.__doc__ or "That cannot be done.")
            return status, {"error": text, "message": text, **extra}
    raise exc


def _answers_errors(endpoint: Callable[..., Awaitable[Response]]) -> Callable[..., Awaitable[Response]]:
    async def run(api: "Api", request: Request) -> Response:
        try:
            return await endpoint(api, request)
        except tuple(ANSWERS) as exc:
            if isinstance(exc, StoreError):
                log.exception("a request to %s could not reach the database", request.url.path)
            status, body = answer_for(exc, request_language(request))
            return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})
    run.__name__ = endpoint.__name__
    run.__doc__ = endpoint.__doc__
    return run


def _share_errors(endpoint: Callable[..., Awaitable[Response]]) -> Callable[..., Awaitable[Response]]:
    async def run(api: "Api", request: Request) -> Response:
        try:
            return await endpoint(api, request)
        except GameNotFound:
            return _share_not_found()
    run.__name__ = endpoint.__name__
    run.__doc__ = endpoint.__doc__
    return run


def send(body: bytes, etag: str, request: Request, media_type: str, cache_control: str) -> Response:
    """A body with its version: `304 Not Modified` when the client has it already."""
    headers = {"ETag": etag, "Cache-Control": cache_control}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def _send_doc(doc: Document, request: Request) -> Response:
    return send(doc.body, doc.etag, request, "application/json", "no-cache")


def _share_not_found() -> Response:
    return HTMLResponse(NOT_FOUND_PAGE, status_code=404, headers={"Cache-Control": "public, max-age=60"})


async def read_body(request: Request, cap: int) -> bytes:
    """The request's body, read as a stream that stops at `cap` bytes (BodyTooLarge): never held past the cap."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > cap:
                raise BodyTooLarge()
        except ValueError as exc:
            raise BadBody("That request's length cannot be read.") from exc
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > cap:
                raise BodyTooLarge()
            chunks.append(chunk)
    except ClientDisconnect as exc:
        raise BadBody("The request ended early.") from exc
    return b"".join(chunks)


def json_object(body: bytes, fields: tuple[str, ...]) -> dict[str, Any]:
    """A flat JSON object's `fields` (BadBody for anything else: not JSON, nested too deep, a list, ...)."""
    try:
        data = json.loads(body or b"{}")
    except (ValueError, RecursionError) as exc:
        raise BadBody(f"Expected JSON with {', '.join(fields)}.") from exc
    if not isinstance(data, dict):
        raise BadBody(f"Expected JSON with {', '.join(fields)}.")
    return {f: data.get(f) for f in fields}


def _game_id(request: Request) -> str:
    return check_game_id(request.path_params["game_id"])


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


class FrameCache:
    """Frame PNGs this process served lately, by (game, seq): a frame never changes once stored, so a crowd
    fetching a new frame costs one read (bounded in bytes, the least recently used go first; thread-safe)."""

    def __init__(self, max_bytes: int = FRAME_BYTES_KEPT):
        self.max_bytes = max_bytes
        self.frames: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()
        self.reads = 0  # how many times the database was asked for a frame (Api.frame_png counts them)

    def get(self, key: tuple[str, int]) -> bytes | None:
        """The frame's PNG if kept, else None."""
        with self.lock:
            png = self.frames.get(key)
            if png is not None:
                self.frames.move_to_end(key)
            return png

    def put(self, key: tuple[str, int], png: bytes) -> bytes:
        """Keep a frame just read from the database; the oldest go while over the bound."""
        with self.lock:
            if key not in self.frames and len(png) <= self.max_bytes:
                self.frames[key] = png
                self.size += len(png)
                while self.size > self.max_bytes:
                    self.size -= len(self.frames.popitem(last=False)[1])
        return png


@dataclass
class Api:
    """What the routes share: the process's engine (read at each request), the live cache, the cards, the frames."""

    get_engine: Callable[[], Any]
    cache: LiveCache = field(default_factory=LiveCache)
    cards: CardCache = field(default_factory=CardCache)
    frames: FrameCache = field(default_factory=FrameCache)
    building: dict = field(default_factory=dict)
    hub: Hub | None = None
    streams: int = 0
    heartbeat_s: float = HEARTBEAT_S

    @property
    def engine(self) -> Any:
        """The engine serving this request."""
        return self.get_engine()

    def push_hub(self) -> Hub:
        """This process's hub of pushed topics, made on the first stream (on the server's event loop)."""
        if self.hub is None:
            engine = self.engine
            store = engine.store
            listens = store.dialect == "postgresql"
            self.hub = Hub(feed=store.version_feed if listens else None, check_s=engine.settings.PUSH_CHECK_MS / 1000,
                           gate=None if listens else self._push_gate)
        return self.hub

    def _push_gate(self) -> tuple | None:
        """What moves whenever a topic's version may have: every commit to the SQLite file, and this process's pool
        (who is thinking); None when the stamp cannot be read now (the hub then reads each version)."""
        engine = self.engine
        stamp = engine.store.change_stamp()
        return None if stamp is None else (id(engine), stamp, engine.pool.revision)

    async def stream(self, key: tuple, version: Callable[[], Any], build: Callable[[], Edition],
                     pick: Callable[[Edition], bytes | None], last_id: str | None = None) -> Response:
        """A Server-Sent Events stream of one topic: the newest document at once (GameNotFound if this viewer may
        not see it) unless `last_id` (a reconnect's Last-Event-ID) says the viewer has it already, then each change
        as `pick` makes it for this viewer, a comment line while nothing changes."""
        if self.streams >= self.engine.settings.PUSH_MAX_STREAMS:
            raise TooManyStreams()
        sub = self.push_hub().subscribe(key, version, build)
        try:
            first = await sub.take(FIRST_EDITION_S)
            if first is None:
                raise StoreError("no live document in time")
            frame = pick(first)
            if frame is None:
                raise GameNotFound()
        except BaseException:
            sub.close()
            raise
        self.streams += 1

        def closed() -> None:
            sub.close()
            self.streams -= 1
        return EventStream(_events(sub, frame, pick, self.heartbeat_s, last_id), closed)

    async def cached(self, key: object, build: Callable, *args: object) -> Any:
        """The cached document for `key`, built once (off the event loop) however many ask at the same time."""
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        task = self.building.get(key)
        if task is None:
            async def run():
                try:
                    return self.cache.put(key, await anyio.to_thread.run_sync(build, *args))
                finally:
                    self.building.pop(key, None)
            task = self.building[key] = asyncio.ensure_future(run())
        return await asyncio.shield(task)

    async def frame_png(self, game_id: str, seq: int) -> bytes | None:
        """A stored frame's PNG (None: not stored), read from the database once however many ask at the same
        time, then kept in `frames`. Who may see it is the caller's to check."""
        key = (game_id, seq)
        hit = self.frames.get(key)
        if hit is not None:
            return hit
        task = self.building.get(("frame", *key))
        if task is None:
            async def run():
                try:
                    self.frames.reads += 1
                    png = await anyio.to_thread.run_sync(self.engine.store.frame_png, game_id, seq)
                    return self.frames.put(key, png) if png else None
                finally:
                    self.building.pop(("frame", *key), None)
            task = self.building[("frame", *key)] = asyncio.ensure_future(run())
        return await asyncio.shield(task)

    def viewer(self, request: Request) -> Viewer:
        """Who asks: the player their token names, and whether a host token came with it."""
        engine = self.engine
        host = is_host_token(request.query_params.get("host"), engine.player_secret, time.time())
        return Viewer(player_from_token(request.query_params.get("player"), engine.player_secret), host)

    def origin(self, request: Request) -> str:
        """The pseudonym of the client's address (through the trusted proxies)."""
        engine = self.engine
        address = client_address(request.client.host if request.client else None, request.headers,
                                 engine.settings.TRUSTED_PROXIES)
        return engine.origin(address)


# -- live documents --------------------------------------------------------------------------------


def _build_live(api: Api, game_id: str, now: float) -> tuple[dict, bool, dict[str, Document]] | None:
    """A game's live documents for each kind of viewer (its player, a host, anyone), built once."""
    engine = api.engine
    game = engine.store.get_game(game_id)
    if game is None:
        return None
    game = engine.lobby.localized(game)  # the word as the game's language says it
    refused = engine.store.game_refused(game_id)
    guesses = engine.store.recent_guesses(game_id, LIVE_GUESSES)
    frame = engine.store.latest_frame_meta(game_id)
    snap = engine.pool.snapshot(game_id)  # only the process that runs the game knows who is thinking
    extra = dict(thinking=snap.thinking, notes=snap.notes) if snap else {}
    names = engine.lobby.hidden_names(game)  # the word, its aliases and (another language) the English concept
    level = engine.settings.PROFANITY_FILTER
    kinds = {"player": Viewer(game["player_id"]), "host": HOST, "anyone": ANYONE}
    docs = {kind: document(game_state(game, guesses, frame, viewer=v, names=names, level=level, **extra), now)
            for kind, v in kinds.items()}
    return game, refused, docs


def _kind(game: dict, viewer: Viewer) -> str:
    return "host" if viewer.host else "player" if viewer.player_id == game["player_id"] else "anyone"


@_answers_errors
async def live(api: Api, request: Request) -> Response:
    """One game's live document: its player's, a host's, or the public one."""
    game_id = _game_id(request)
    built = await api.cached(("live", game_id), _build_live, api, game_id, time.time())
    if built is None:
        raise GameNotFound()
    game, refused, docs = built
    viewer = api.viewer(request)
    if not may_see(game, refused, viewer):
        raise GameNotFound()
    return _send_doc(docs[_kind(game, viewer)], request)


def _build_board(api: Api, show_words: bool, shown: int, now: float) -> Document:
    engine = api.engine
    store = engine.store
    level = engine.settings.PROFANITY_FILTER
    games = []
    localized = engine.lobby.localized  # each game's word as its language says it
    for g in map(localized, store.running_public_games()):
        rows = shown_guesses(store.recent_guesses(g["id"], shown * 2), g, ANYONE, engine.lobby.hidden_names(g),
                             level)[-shown:]
        games.append((g, rows, store.latest_frame_meta(g["id"])))
    return document(board_state(games, show_words=show_words, queue_length=engine.lobby.queue_length(),
                                winners=[localized(w) for w in store.recent_winners(limit=5)],
                                finished=[localized(f) for f in store.recent_finished(limit=8)],
                                guesses_shown=shown, tally=store.people_vs_models(day_start(now))), now)


def _board_view(api: Api, request: Request) -> tuple[bool, int]:
    """Which board a request asks for: with the words (a host's screen, or nobody else guesses), and how many
    guesses a game."""
    asked = request.query_params.get("words") == "1"
    show_words = asked and (api.viewer(request).host or not api.engine.audience.enabled)
    return show_words, 4 if request.query_params.get("guesses") == "4" else 8


@_answers_errors
async def board(api: Api, request: Request) -> Response:
    """Every running game anyone may watch; the words only for a host's screen (or when nobody else guesses)."""
    show_words, shown = _board_view(api, request)
    doc = await api.cached(("board", show_words, shown), _build_board, api, show_words, shown, time.time())
    return _send_doc(doc, request)


# -- the same documents, pushed --------------------------------------------------------------------


class EventStream(StreamingResponse):
    """A text/event-stream response that calls `closed` once it ends, however it ends (even before it began)."""

    media_type = "text/event-stream"

    def __init__(self, events: AsyncIterator[bytes], closed: Callable[[], None]):
        super().__init__(events, headers=STREAM_HEADERS)
        self.closed = closed

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.closed()


def _sse(doc: Document) -> bytes:
    """One document as a Server-Sent Event whose id is its version."""
    return b"id: " + doc.etag.strip('"').encode() + b"\ndata: " + doc.body + b"\n\n"


def _last_event_id(request: Request) -> str | None:
    """The id of the last event a reconnecting EventSource had (its Last-Event-ID header), if any."""
    value = request.headers.get("last-event-id", "").strip()
    return value[:64] or None


async def _events(sub: Subscription, first: bytes, pick: Callable[[Edition], bytes | None],
                  heartbeat_s: float, last_id: str | None = None) -> AsyncIterator[bytes]:
    sent = first.split(b"\n", 1)[0]  # the id line: this viewer's document's version
    had = last_id is not None and sent == b"id: " + last_id.encode("latin-1", "replace")
    # A dropped stream comes back within a second; to the newest document at once, unless it had that one already.
    yield b"retry: 1000\n\n" + (b"" if had else first)
    while True:
        edition = await sub.take(heartbeat_s)
        if edition is None:
            yield b": still here\n\n"
            continue
        frame = pick(edition)
        if frame is None:  # this viewer may no longer see it (hidden, declined): the view asks as it used to
            yield STREAM_GONE
            return
        if frame.split(b"\n", 1)[0] != sent:  # another kind of viewer's document changed, not this one's
            sent = frame.split(b"\n", 1)[0]
            yield frame


def _live_version(api: Api, game_id: str) -> tuple:
    """What a game's live documents show changes with: its version in the database, and who in this process's
    pool is thinking (only the process running the game knows)."""
    engine = api.engine
    snap = engine.pool.snapshot(game_id)
    return engine.store.game_version(game_id), (snap.thinking, snap.notes) if snap else None


def _live_edition(api: Api, game_id: str) -> Edition:
    built = _build_live(api, game_id, time.time())
    if built is None:
        return Edition("gone", {}, None)
    game, refused, docs = built
    version = "|".join([*(d.etag for d in docs.values()), str(refused), str(game["hidden"]), str(game["moderation"])])
    return Edition(version, {kind: _sse(doc) for kind, doc in docs.items()}, (game, refused))


@_answers_errors
async def live_stream(api: Api, request: Request) -> Response:
    """One game's live document pushed at each change: its player's, a host's, or the public one."""
    game_id = _game_id(request)
    viewer = api.viewer(request)

    def pick(edition: Edition) -> bytes | None:
        if edition.state is None or not may_see(*edition.state, viewer):
            return None
        return edition.frames[_kind(edition.state[0], viewer)]
    return await api.stream(("live", game_id), partial(_live_version, api, game_id),
                            partial(_live_edition, api, game_id), pick, _last_event_id(request))


def _board_edition(api: Api, show_words: bool, shown: int) -> Edition:
    doc = _build_board(api, show_words, shown, time.time())
    return Edition(doc.etag, {"board": _sse(doc)})


@_answers_errors
async def board_stream(api: Api, request: Request) -> Response:
    """The board pushed at each change (the same query parameters and rule as /api/board)."""
    show_words, shown = _board_view(api, request)
    return await api.stream(("board", show_words, shown), lambda: api.engine.store.board_version(),
                            partial(_board_edition, api, show_words, shown), lambda edition: edition.frames["board"],
                            _last_event_id(request))


# -- pictures --------------------------------------------------------------------------------------


def _read_access(api: Api, game_id: str) -> tuple[dict, bool] | None:
    """What core.visibility.may_see asks of a game: its row and whether a model declined it (None: no game)."""
    store = api.engine.store
    game = store.get_game(game_id)
    return None if game is None else (game, store.game_refused(game_id))


@_answers_errors
async def frame(api: Api, request: Request) -> Response:
    """One stored frame by URL: immutable, fetched once by each browser. The PNG comes from this process's
    frame cache; who may see it is checked at each request against the game as the live cache last read it (a
    game hidden or declined stops serving its frames within that cache's life)."""
    game_id = _game_id(request)
    try:
        seq = int(request.path_params["seq"])
    except ValueError as exc:
        raise GameNotFound() from exc
    access = await api.cached(("access", game_id), _read_access, api, game_id)
    viewer = api.viewer(request)
    if access is None or not may_see(*access, viewer):
        raise GameNotFound()
    png = await api.frame_png(game_id, seq)
    if png is None:
        raise GameNotFound()
    private = viewer.player_id == access[0]["player_id"] or viewer.host
    return Response(png, media_type="image/png",
                    headers={"Cache-Control": "private, max-age=31536000, immutable" if private else IMMUTABLE})


def _shared_game(api: Api, game_id: str) -> dict | None:
    """A game anyone may share (its word as its language says it), or None (core.visibility.shareable)."""
    store = api.engine.store
    game = store.get_game(game_id)
    return api.engine.lobby.localized(game) if shareable(game, game is not None and store.game_refused(game_id)) \
        else None


def _read_replay(api: Api, game_id: str) -> bytes | None:
    return api.engine.store.get_replay(game_id) if _shared_game(api, game_id) is not None else None


@_answers_errors
async def replay(api: Api, request: Request) -> Response:
    """A finished game's animated replay."""
    gif = await anyio.to_thread.run_sync(_read_replay, api, _game_id(request))
    if gif is None:
        raise GameNotFound()
    return Response(gif, media_type="image/gif", headers={"Cache-Control": "public, max-age=3600"})


# -- share links -----------------------------------------------------------------------------------


def _build_share_page(api: Api, game_id: str, base: str) -> str | None:
    game = _shared_game(api, game_id)
    if game is None:
        return None
    here = share_url(base, game_id)
    return share_page(share_title(game), share_description(game, api.engine.guesses_for(game, ANYONE)),
                      here, f"{here}/card.png", game_url(base, game_id), lang=game_lang(game))


@_share_errors
async def share(api: Api, request: Request) -> Response:
    """A share link: Open Graph and Twitter card tags for chat apps, then on to the game's page."""
    game_id = _game_id(request)
    settings = api.engine.settings
    base = request_base(settings.PUBLIC_URL, request.url.scheme, request.headers.get("host", ""), request.headers,
                        request.client.host if request.client else None, settings.TRUSTED_PROXIES)
    page = await anyio.to_thread.run_sync(_build_share_page, api, game_id, base)
    if page is None:
        return _share_not_found()
    return HTMLResponse(page, headers={"Cache-Control": SHARE_PAGE_CACHE,
                                       "Vary": "Host, X-Forwarded-Host, X-Forwarded-Proto"})


def _build_card(api: Api, game_id: str) -> tuple[str, bytes] | None:
    game = _shared_game(api, game_id)
    if game is None:
        return None
    store = api.engine.store
    latest = store.latest_frame_meta(game_id)
    key = (game_id, game["word"], game["status"], game["winner"], game["winner_human"], game["duration_s"],
           game["game_seconds"], game["wrote_word"], game.get("lang"), latest["seq"] if latest else 0)
    hit = api.cards.get(key)
    if hit is not None:
        return hit
    png = store.frame_png(game_id, latest["seq"]) if latest else None
    return api.cards.put(key, render_card(game, png))


@_share_errors
async def card(api: Api, request: Request) -> Response:
    """The picture a share link unfurls with (1200x630 PNG)."""
    found = await anyio.to_thread.run_sync(_build_card, api, _game_id(request))
    if found is None:
        return _share_not_found()
    etag, png = found
    return send(png, etag, request, "image/png", CARD_CACHE)


async def no_share(api: Api, request: Request) -> Response:
    """Anything else under /share is no game (not a Streamlit page)."""
    return _share_not_found()


# -- what browsers send ----------------------------------------------------------------------------


@_answers_errors
async def seat(api: Api, request: Request) -> Response:
    """A player's heartbeat: where they stand (playing, queued, neither)."""
    token = json_object(await read_body(request, MAX_BODY), ("player",))["player"]
    player = player_from_token(token, api.engine.player_secret)
    if player is None:
        raise BadPlayerId()
    where = await anyio.to_thread.run_sync(lambda: api.engine.lobby.heartbeat(player, time.time()).as_json())
    return JSONResponse({**where, "now": time.time()}, headers={"Cache-Control": "no-store"})


@_answers_errors
async def preview(api: Api, request: Request) -> Response:
    """A frame of the stroke still being drawn, sent by the canvas itself (the rerun comes at its end)."""
    game_id = _game_id(request)
    body = await read_body(request, MAX_PREVIEW)
    player = player_from_token(request.query_params.get("player"), api.engine.player_secret)
    await anyio.to_thread.run_sync(take_preview, api.engine, game_id, player, body)
    return Response(status_code=204)


def request_language(request: Request) -> str:
    """The language a request asks for: its `?lang=` (the page's), else its Accept-Language, else English."""
    return choose_language(request.query_params.get("lang"),
                           from_accept_language(request.headers.get("accept-language")))


def _take_guess(api: Api, game_id: str, token: object, text: object, origin: str, lang: str) -> dict:
    engine = api.engine
    player = player_from_token(token, engine.player_secret)
    if player is None:
        raise Forbidden()
    now = time.time()
    try:
        g = engine.audience.guess(game_id, player, text, now, origin=origin)
    except PlayerResting as exc:
        raise Forbidden(resting_notice(exc.until, now, lang)) from exc
    return {"won": g.won, "correct": g.correct, "waiting": g.waiting, "message": guess_message(g, lang)}


@_answers_errors
async def guess(api: Api, request: Request) -> Response:
    """A person's guess for a running game, from the guess box of its Spectate view."""
    game_id = _game_id(request)
    data = json_object(await read_body(request, MAX_BODY), ("player", "text"))
    answer = await anyio.to_thread.run_sync(_take_guess, api, game_id, data["player"], data["text"], api.origin(request),
                                            request_language(request))
    return JSONResponse(answer, headers={"Cache-Control": "no-store"})


# -- the room's light page (core/join.py): a phone from the QR code joins and guesses, no Streamlit session ------

ASSET_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def _etag(body: bytes) -> str:
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


async def room(api: Api, request: Request) -> Response:
    """The light page presenter mode's QR code opens: the event code, a nickname, then the game and its guess box;
    in the language its address asks for (`?lang=`), else the browser's (Accept-Language), else English."""
    lang = request_language(request)
    page = room_page(page_config(api.engine.audience.settings.gap_s, lang)).encode()
    response = send(page, _etag(page), request, "text/html; charset=utf-8", "no-cache")
    response.headers["Vary"] = "Accept-Language"
    return response


async def ui_asset(api: Api, request: Request) -> Response:
    """One of core/ui's scripts or stylesheets (the light page's), revalidated by its ETag."""
    name = request.path_params["name"]
    try:
        body = asset(name).encode()
    except (ValueError, OSError):
        return Response("Not found", status_code=404, media_type="text/plain")
    return send(body, _etag(body), request, ASSET_TYPES[name[name.rindex("."):]], "no-cache")


def _room_step(api: Api, data: dict, origin: str, act: Callable | None, lang: str) -> dict:
    engine = api.engine
    now = time.time()
    rng = random.SystemRandom()
    # Only the first question may be asked without a token of ours: it hands out a new one.
    player, token = player_of(data["player"], engine.player_secret, rng if act is None else None)
    if act is not None:
        act(engine, player, origin, data, now)
    return room_state(engine, player, token, data["game"], origin, now, rng, lang)


async def _room_answer(api: Api, request: Request, fields: tuple[str, ...], act: Callable | None = None) -> Response:
    data = json_object(await read_body(request, MAX_BODY), ("player", "game", *fields))
    state = await anyio.to_thread.run_sync(_room_step, api, data, api.origin(request), act, request_language(request))
    return JSONResponse(state, headers={"Cache-Control": "no-store"})


@_answers_errors
async def room_join(api: Api, request: Request) -> Response:
    """Where this person stands in the room for a game (or the newest); a browser without our token gets one."""
    return await _room_answer(api, request, ())


@_answers_errors
async def room_code(api: Api, request: Request) -> Response:
    """Come into the room with the event code from the big screen (core.room: RoomRefused says why not)."""
    return await _room_answer(api, request, ("code",),
                              lambda engine, player, origin, data, now: engine.room.enter(player, origin, data["code"],
                                                                                          now))


@_answers_errors
async def room_nickname(api: Api, request: Request) -> Response:
    """Take a nickname, typed or the generated one offered (core.room: BadNickname says why not)."""
    return await _room_answer(api, request, ("nickname",),
                              lambda engine, player, origin, data, now: engine.room.set_nickname(player,
                                                                                                 data["nickname"], now))


async def health(api: Api, request: Request) -> Response:
    """Whether this process answers, with its running games and the queue."""
    engine = api.engine
    return JSONResponse({"ok": True, "games": len(engine.lobby.running_games()),
                         "queue": engine.lobby.queue_length(), "process": engine.lobby.process_id},
                        headers={"Cache-Control": "no-store"})


def api_routes(get_engine: Callable[[], Any], cache: LiveCache | None = None,
               frames: FrameCache | None = None) -> list[Route]:
    """The routes, reading the process's engine through `get_engine` at each request."""
    api = Api(get_engine, cache or LiveCache(), frames=frames or FrameCache())
    bound = lambda endpoint: partial(endpoint, api)  # noqa: E731 - Starlette unwraps partials to see the function
    return [
        Route("/api/live/{game_id}", bound(live)),
        Route("/api/board", bound(board)),
        Route("/api/stream/live/{game_id}", bound(live_stream)),
        Route("/api/stream/board", bound(board_stream)),
        Route("/api/frame/{game_id}/{seq}", bound(frame)),
        Route("/api/replay/{game_id}", bound(replay)),
        Route("/api/seat", bound(seat), methods=["POST"]),
        Route("/api/canvas/{game_id}", bound(preview), methods=["POST"]),
        Route("/api/guess/{game_id}", bound(guess), methods=["POST"]),
        Route("/api/health", bound(health)),
        Route("/room", bound(room)),
        Route("/ui/{name}", bound(ui_asset)),
        Route("/api/room/join", bound(room_join), methods=["POST"]),
        Route("/api/room/code", bound(room_code), methods=["POST"]),
        Route("/api/room/nickname", bound(room_nickname), methods=["POST"]),
        Route("/share/{game_id}", bound(share)),
        Route("/share/{game_id}/card.png", bound(card)),
        Route("/share", bound(no_share)),
        Route("/share/{rest:path}", bound(no_share)),
    ]
