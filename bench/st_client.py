"""A minimal Streamlit page session over the websocket, opened the way the browser opens one (for benches).

What Streamlit 1.67's frontend does when a tab opens a page, and so what `open_page` does:

1. GET `/_stcore/health` (and `/_stcore/host-config`): the frontend's connection manager pings both
   before it connects. The health answer sets the `_streamlit_xsrf` cookie.
2. Open the websocket `ws://HOST/_stcore/stream` with the subprotocol list
   `["streamlit", XSRF, SESSION_ID?]` (`Sec-WebSocket-Protocol: streamlit, 2|...`): the first entry is
   the one the server selects, the second carries the XSRF cookie's value (or the literal
   `PLACEHOLDER_AUTH_TOKEN` when there is none), the third an earlier session id on reconnects only.
   The browser also sends `Origin` and its cookies. The server (streamlit/web/server/starlette/
   starlette_websocket.py) checks Origin against Host, accepts with the first entry, and uses the
   XSRF token only to trust a signed `st.login` cookie: a session without it works the same.
3. Send one binary BackMsg, `rerun_script` (a ClientState): `query_string` without the `?`
   ("present=1"), `page_name` the URL path below the base ("Spectate"; "" for the main page),
   `page_script_hash` "" on the first run, empty `widget_states`, `cached_message_hashes` empty (so
   the server sends every message whole, never a `ref_hash`), and `context_info` (timezone, offset,
   locale, url, is_embedded, color_scheme).
4. Read binary ForwardMsgs: `new_session` (with the session id), `page_info_changed`,
   `page_config_changed`, `navigation`, `delta`s (the page's elements; an exception shows as a
   delta whose element is `exception`), `session_status_changed`, until `script_finished`
   (FINISHED_SUCCESSFULLY = 0), then one more `session_status_changed` (script no longer
   running). After that an idle page receives nothing unless the app reruns it; the server's
   websocket pings (uvicorn, every `server.websocketPingInterval`) are answered by
   aiohttp as long as someone reads the socket, which `PageSession.idle` does.

Text frames are refused by the server: everything is protobuf in binary frames.
"""
from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field

import aiohttp
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

XSRF_COOKIE = "_streamlit_xsrf"
NO_XSRF = "PLACEHOLDER_AUTH_TOKEN"  # what the frontend sends when it has no XSRF cookie
FINISHED_OK = 0  # ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY


class PageError(Exception):
    """The page's script run did not finish cleanly."""


@dataclass
class PageSession:
    """One open Streamlit session: the websocket, what its first script run sent, what came after."""

    ws: aiohttp.ClientWebSocketResponse
    session_id: str = ""
    run_seconds: float = 0.0  # websocket opened -> script_finished
    connect_seconds: float = 0.0  # health ping + websocket handshake
    messages: int = 0  # ForwardMsgs of the first run
    bytes: int = 0
    exceptions: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # markdown/heading bodies, to tell which page ran
    later_messages: int = 0  # ForwardMsgs after the first run, less its closing session_status_changed
    later_kinds: Counter = field(default_factory=Counter)  # their types
    closed_by_server: bool = False  # the socket ended without our asking
    _closing: bool = False

    async def idle(self) -> None:
        """Read (and count) whatever the server sends until the socket closes; keeps pings answered."""
        status_seen = False
        async for msg in self.ws:  # ends on CLOSE, CLOSED or ERROR
            if msg.type == aiohttp.WSMsgType.BINARY:
                fmsg = ForwardMsg()
                fmsg.ParseFromString(msg.data)
                kind = fmsg.WhichOneof("type")
                if kind == "session_event":  # e.g. script_changed_on_disk: someone edited the app's files
                    kind += "." + (fmsg.session_event.WhichOneof("type") or "?")
                if kind == "session_status_changed" and not status_seen:
                    status_seen = True  # "script no longer running": the end of the first run
                    continue
                self.later_messages += 1
                self.later_kinds[kind] += 1
        self.closed_by_server = not self._closing

    async def close(self) -> None:
        """Close the websocket as a closing tab does."""
        self._closing = True
        await self.ws.close()


def rerun_message(page_name: str, query_string: str, url: str) -> bytes:
    """The BackMsg a fresh tab sends to run a page once."""
    msg = BackMsg()
    rs = msg.rerun_script
    rs.query_string = query_string
    rs.page_name = page_name
    rs.page_script_hash = ""
    rs.widget_states.SetInParent()
    rs.is_auto_rerun = False
    ci = rs.context_info
    ci.timezone = "UTC"
    ci.timezone_offset = 0
    ci.locale = "en-US"
    ci.url = url
    ci.is_embedded = False
    ci.color_scheme = "light"
    return msg.SerializeToString()


def _element_texts(fmsg: ForwardMsg, page: PageSession) -> None:
    delta = fmsg.delta
    if delta.WhichOneof("type") != "new_element":
        return
    el = delta.new_element
    kind = el.WhichOneof("type")
    if kind == "exception":
        page.exceptions.append(f"{el.exception.type}: {el.exception.message}")
    elif kind == "markdown":
        page.texts.append(el.markdown.body)
    elif kind == "heading":
        page.texts.append(el.heading.body)


async def open_page(http: aiohttp.ClientSession, base_url: str, page_name: str = "", query_string: str = "",
                    timeout: float = 60.0) -> PageSession:
    """Open a tab's Streamlit session on a page and wait for its first script run to finish.

    `http` should be this person's own client session (its cookie jar holds the XSRF cookie).
    Raises PageError if the run ends otherwise than successfully or the socket closes first.
    """
    t0 = time.monotonic()
    async with http.get(f"{base_url}/_stcore/health") as r:
        await r.read()
    async with http.get(f"{base_url}/_stcore/host-config") as r:
        await r.read()
    xsrf = next((c.value for c in http.cookie_jar if c.key == XSRF_COOKIE), None) or NO_XSRF
    ws_url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
    ws = await http.ws_connect(ws_url, protocols=("streamlit", xsrf), headers={"Origin": base_url},
                               max_msg_size=0, heartbeat=None, autoping=True)
    page = PageSession(ws)
    t1 = time.monotonic()
    page.connect_seconds = t1 - t0
    path = f"/{page_name}" if page_name else "/"
    url = f"{base_url}{path}" + (f"?{query_string}" if query_string else "")
    await ws.send_bytes(rerun_message(page_name, query_string, url))
    deadline = t1 + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise PageError("the script run did not finish in time")
        msg = await ws.receive(timeout=left)
        if msg.type != aiohttp.WSMsgType.BINARY:
            raise PageError(f"websocket {msg.type.name} before the script run finished")
        fmsg = ForwardMsg()
        fmsg.ParseFromString(msg.data)
        page.messages += 1
        page.bytes += len(msg.data)
        kind = fmsg.WhichOneof("type")
        if kind == "new_session":
            page.session_id = fmsg.new_session.initialize.session_id
        elif kind == "delta":
            _element_texts(fmsg, page)
        elif kind == "page_not_found":
            raise PageError(f"page not found: {page_name!r}")
        elif kind == "script_finished":
            if fmsg.script_finished != FINISHED_OK:
                raise PageError(f"script finished with status {fmsg.script_finished}")
            page.run_seconds = time.monotonic() - t1
            if page.exceptions:
                raise PageError("the page raised: " + "; ".join(page.exceptions))
            return page


async def _demo(base_url: str, page_name: str, query_string: str) -> None:
    async with aiohttp.ClientSession() as http:
        page = await open_page(http, base_url, page_name, query_string)
        print(f"session {page.session_id}: {page.messages} ForwardMsgs, {page.bytes} bytes, "
              f"connect {page.connect_seconds * 1000:.0f} ms, run {page.run_seconds * 1000:.0f} ms")
        for t in page.texts:
            print("  text:", t[:80])
        try:
            await asyncio.wait_for(page.idle(), 3)
        except asyncio.TimeoutError:
            pass
        print(f"  {page.later_messages} ForwardMsgs in the next 3 s")
        await page.close()


if __name__ == "__main__":  # python bench/st_client.py http://127.0.0.1:8501 Spectate [present=1]
    import sys
    asyncio.run(_demo(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "", sys.argv[3] if len(sys.argv) > 3 else ""))
