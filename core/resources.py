"""The one module that imports streamlit: cached, process-wide resources for the pages."""
from __future__ import annotations

import gc
import os
import random
import time

import streamlit as st

from core import collector
from core.access import UNKNOWN
from core.access import client_address as _client_address
from core.audience import GUESS_GAP_S
from core.engine import Engine, build_engine
from core.i18n import LANGUAGES, bundle, choose_language, t
from core.identity import host_token, resolve_player
from core.live import POLL_MS
from core.settings import Settings
from core.ui import asset


def _secrets() -> dict:
    try:
        return {k: v for k, v in st.secrets.items()}
    except Exception:  # no secrets.toml at all: that is a normal way to run
        return {}


@st.cache_resource
def get_settings() -> Settings:
    """Settings from the environment and `.streamlit/secrets.toml`."""
    return Settings.load(os.environ, _secrets())


@st.cache_resource
def get_engine() -> Engine:
    """The engine every browser session shares: one pool, one lobby, one writer."""
    engine = build_engine(get_settings())
    engine.writing.start()  # the app loads its OCR in the background at once
    # Everything loaded so far (Streamlit, the SDKs, the models) lives as long as the process: keep it
    # out of every later garbage collection, which then only walks what the sessions create (app.py's
    # start-up applies the rest of GC_TUNING).
    if engine.settings.GC_TUNING != "off":
        gc.freeze()
        collector.started()
    return engine


CONFIG_POLL_S = 10.0  # how often Streamlit looks at its config and secrets files once no source file is watched


def slow_config_polling() -> str:
    """Look at Streamlit's config and secrets files every CONFIG_POLL_S, not every 0.2 s, when no source file is
    watched (fileWatcherType none, as deployed); say what was done.

    Streamlit polls each of those files on a thread of its own whatever fileWatcherType says: an idle server
    spent about half its CPU (4-5 ms/s) there (bench/view_cpu.py, profiled). A developer's watcher is left alone.
    """
    try:
        from streamlit.watcher import polling_path_watcher
        watched = st.get_option("server.fileWatcherType")
    except Exception as exc:  # a Streamlit that moved things: polling stays as it is
        return f"Streamlit's config polling left as it is ({type(exc).__name__})"
    if watched != "none" or not hasattr(polling_path_watcher, "_POLLING_PERIOD_SECS"):
        return f"Streamlit's file polling left as it is (fileWatcherType {watched})"
    polling_path_watcher._POLLING_PERIOD_SECS = CONFIG_POLL_S  # read at each poll
    return f"Streamlit's config and secrets files are looked at every {CONFIG_POLL_S:g} s"


def current_player(engine: Engine) -> tuple[str, str]:
    """This visitor's player id and signed token: from the URL if ours (a reload keeps it), else from the
    session (page links drop it), else a new one; written back to both."""
    player, token = resolve_player(st.query_params.get("player"), st.session_state.get("player_token"),
                                   engine.player_secret, random.SystemRandom())
    st.query_params["player"] = st.session_state.player_token = token
    return player, token


def client_address() -> str:
    """This session's client address, through the proxies the settings trust ("unknown" if unreadable)."""
    try:
        peer, headers = st.context.ip_address, st.context.headers
    except Exception:  # no client behind this run (a bare script run)
        return UNKNOWN
    return _client_address(peer, headers, get_settings().TRUSTED_PROXIES)


def current_language() -> str:
    """This session's language: the URL's `lang` (a chooser or a shared link), else the one kept for the session,
    else the browser's (its locale, then its Accept-Language header), else English; kept for the session."""
    try:
        locale, accept = st.context.locale, st.context.headers.get("Accept-Language")
    except Exception:  # no browser behind this run (a bare script run)
        locale = accept = None
    lang = choose_language(st.query_params.get("lang"), st.session_state.get("lang"), locale, accept)
    st.session_state.lang = lang
    return lang


PAGES = (("Home.py", "home"), ("pages/1_Spectate.py", "spectate"), ("pages/2_Leaderboard.py", "leaderboard"),
         ("pages/3_Game.py", "game"), ("pages/4_Stats.py", "stats"), ("pages/5_Eval.py", "eval"),
         ("pages/6_About.py", "about"), ("pages/7_Admin.py", "admin"), ("pages/8_Host.py", "host"))


def language_chooser(lang: str) -> str:
    """The sidebar: the app's pages named in `lang` (Streamlit's own list shows file names; config.toml hides it),
    then a small chooser of the app's languages; the choice is kept for the session and in the URL."""
    for path, name in PAGES:
        st.sidebar.page_link(path, label=t(lang, f"common.page_{name}"))
    codes = list(LANGUAGES)
    chosen = st.sidebar.selectbox("🌐", codes, index=codes.index(lang), format_func=LANGUAGES.get,
                                  key="pick-language", label_visibility="collapsed")
    if chosen != lang:
        st.session_state.lang = chosen
        st.query_params["lang"] = chosen
        st.rerun()
    return chosen


def host_role() -> str:
    """"admin" or "host" when this session signed in on the Host (or Admin) page, else ""."""
    if st.session_state.get("admin"):
        return "admin"
    return st.session_state.get("host_role", "")


def session_host_token(engine: Engine) -> str | None:
    """A host token for this session's live views when it is signed in as a host, else None."""
    return host_token(engine.player_secret, time.time()) if host_role() else None


def page_style(*names: str) -> None:
    """Apply our static stylesheets (core/ui/NAME.css) to the page: always `base`, then the named ones."""
    css = "".join(asset(n + ".css") for n in ("base", *names))
    st.html(f"<style>{css}</style>")


API = "/api"
_ICONS = {
    "Undo": '<path d="M9 14 4 9l5-5"/><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11"/>',
    "Redo": '<path d="m15 14 5-5-5-5"/><path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13"/>',
    "Clear": '<path d="M3 6h18"/><path d="M19 6v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V6"/><path d="M8 6V4h8v2"/>',
}
_TOOLS_HTML = '<div class="pa-tools" role="group" aria-label="Drawing tools">' + "".join(
    f'<button type="button" data-action="{name}" aria-label="{name}">'
    f'<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
    f'stroke-linejoin="round" aria-hidden="true">{path}</svg><span class="pa-label">{name}</span></button>'
    for name, path in _ICONS.items()) + "</div>"
_CANVAS_TOOLS = st.components.v2.component(
    "pictionary.canvas_tools", html=_TOOLS_HTML, css=asset("canvas_tools.css"), js=asset("canvas_tools.js"),
    isolate_styles=False)


def canvas_tools(key: str, size: int, min_side: int = 200, game: str | None = None, token: str | None = None,
                 preview_ms: int = 500, lang: str = "en") -> None:
    """Fit the canvas above to the screen (same logical size), give it big Undo, Redo and Clear buttons named in
    `lang`, and, for a game's player, send the stroke being drawn every `preview_ms`."""
    _CANVAS_TOOLS(data={"size": size, "min_side": min_side, "game": game, "token": token, "api": API,
                        "preview_ms": preview_ms, "strings": bundle(lang, "tools")}, key=key)


_LIVE = st.components.v2.component(
    "pictionary.live", html='<div class="pa-livebox"></div>', css=asset("live.css"), js=asset("live.js"),
    isolate_styles=False)


def live_view(mode: str, key: str, lang: str = "en", **data) -> object:
    """A live view drawn in the browser from the app's JSON routes (see core/ui/live.js for the modes), its
    words in `lang`."""
    timing = {**POLL_MS.get(mode, {}), "gap_ms": int(GUESS_GAP_S * 1000)}
    words = {"lang": lang, "strings": bundle(lang, "live")}
    return _LIVE(data={"mode": mode, "api": API, **timing, **words, **data}, key=key,
                 on_ended_change=lambda: None, on_changed_change=lambda: None, on_moved_change=lambda: None)
