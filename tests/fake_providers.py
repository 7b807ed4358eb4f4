"""Fake Anthropic, OpenAI (and compatible) and Gemini HTTP servers on 127.0.0.1 for the SDK adapters.

Each server answers every request with the next behaviour of its script (then with its default one),
records what it got, and is thread-safe, so load tests can run many games against one server:

    with FakeProvider("anthropic", script=[rate_limited(7), ok("cat")]) as fake:
        guesser = AnthropicGuesser("claude-haiku-4-5", FAKE_KEY, base_url=fake.base_url, ...)
    with FakeProvider("openai", default=ok("cat", delay=0.3)) as fake:   # steady "always ok after L" mode
        ...
"""
from __future__ import annotations

import base64
import io
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterable

FLAVOURS = ("anthropic", "openai", "gemini")
FAKE_KEY = "sk-test-FAKEKEY0123456789abcdefSECRET"  # looks like a real key, so scrubbing is tested for real
FAKE_GEMINI_KEY = "AIza" + "FAKEKEY0123456789abcdefghijSECRET"  # split so no key-shaped literal is tracked


@dataclass(frozen=True)
class Behaviour:
    """What the fake server does with one request."""

    kind: str  # ok | refusal | empty | cut | status | hang | drop | malformed
    text: str = "cat"
    input_tokens: int = 250
    output_tokens: int = 3
    thinking_tokens: int = 0
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds before answering (hang uses it as the hang time)
    reason: str | None = None  # refusal flavour, e.g. "refusal", "content_filter", "block_reason", "SAFETY"
    echo_key: bool = False  # error message repeats the API key the client sent (to test scrubbing)
    model: str | None = None  # model id to report; default: the one requested


def ok(text: str = "cat", input_tokens: int = 250, output_tokens: int = 3, thinking_tokens: int = 0,
       delay: float = 0.0, model: str | None = None) -> Behaviour:
    """A normal answer with usage."""
    return Behaviour("ok", text=text, input_tokens=input_tokens, output_tokens=output_tokens,
                     thinking_tokens=thinking_tokens, delay=delay, model=model)


def refusal(reason: str | None = None, input_tokens: int = 250, output_tokens: int = 0, delay: float = 0.0) -> Behaviour:
    """A refusal or safety block in the provider's own shape (`reason` picks the variant)."""
    return Behaviour("refusal", reason=reason, input_tokens=input_tokens, output_tokens=output_tokens, delay=delay)


def empty(input_tokens: int = 250, output_tokens: int = 0) -> Behaviour:
    """A well-formed answer with no text at all."""
    return Behaviour("empty", input_tokens=input_tokens, output_tokens=output_tokens)


def cut_off(input_tokens: int = 250, output_tokens: int = 32) -> Behaviour:
    """An answer stopped by the output-token cap before any text (all tokens went to reasoning)."""
    return Behaviour("cut", input_tokens=input_tokens, output_tokens=output_tokens)


def rate_limited(retry_after: float | str | None = 7, retry_after_ms: float | None = None, delay: float = 0.0) -> Behaviour:
    """HTTP 429 with Retry-After (and optionally retry-after-ms)."""
    headers = []
    if retry_after is not None:
        headers.append(("retry-after", str(retry_after)))
    if retry_after_ms is not None:
        headers.append(("retry-after-ms", str(retry_after_ms)))
    return Behaviour("status", status=429, headers=tuple(headers), delay=delay)


def server_error(status: int = 500, delay: float = 0.0) -> Behaviour:
    """A 5xx error body in the provider's shape."""
    return Behaviour("status", status=status, delay=delay)


def overloaded() -> Behaviour:
    """Anthropic's 529 overloaded_error (other flavours send it as a plain 529)."""
    return Behaviour("status", status=529)


def auth_error(status: int = 401, echo_key: bool = True) -> Behaviour:
    """A 401/403 whose message, like some gateways', repeats the key it was sent."""
    return Behaviour("status", status=status, echo_key=echo_key)


def hang(seconds: float) -> Behaviour:
    """Wait `seconds` (or until the server closes) before answering normally."""
    return Behaviour("hang", delay=seconds)


def drop() -> Behaviour:
    """Read the request, then close the connection without a response."""
    return Behaviour("drop")


def malformed() -> Behaviour:
    """HTTP 200 with a body that is not JSON."""
    return Behaviour("malformed")


@dataclass
class Recorded:
    """One request the fake server received."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any  # parsed JSON, or the raw bytes if it was not JSON
    client_port: int = 0  # the client's source port: equal ports mean a reused keep-alive connection
    at: float = field(default_factory=time.monotonic)

    def images(self) -> list[bytes]:
        """Every base64 image in the request, decoded, whatever the provider's shape."""
        # google-genai sends URL-safe base64; the others standard base64
        return [base64.b64decode(s.replace("-", "+").replace("_", "/") + "=" * (-len(s) % 4))
                for s in _find_images(self.body)]

    def sent_key(self) -> str:
        """The API key the client sent, whichever header carried it."""
        return _sent_key(self.headers)

    def texts(self) -> list[str]:
        """Every text part of the request's messages."""
        return list(_find_texts(self.body))


class FakeProvider:
    """A scripted fake of one provider's HTTP API on 127.0.0.1 (port 0), usable as a context manager."""

    def __init__(self, flavour: str, script: Iterable[Behaviour] = (), default: Behaviour | None = None,
                 latency: float = 0.0):
        if flavour not in FLAVOURS:
            raise ValueError(f"flavour must be one of {FLAVOURS}")
        self.flavour = flavour
        self.default = default or ok()
        self.latency = latency  # added to every answer
        self._script = list(script)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[Recorded] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> "FakeProvider":
        """Bind a free port and serve in a daemon thread."""
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = _Server(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"fake-{self.flavour}", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving; requests still hanging are released."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeProvider":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- addresses ----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """http://127.0.0.1:<port>"""
        assert self._server is not None, "server not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        """The base URL to give the SDK: OpenAI's includes /v1, the others do not."""
        return self.url + "/v1" if self.flavour == "openai" else self.url

    # -- script -------------------------------------------------------------------------------
    def push(self, *behaviours: Behaviour) -> None:
        """Append behaviours to the script."""
        with self._lock:
            self._script.extend(behaviours)

    def reset(self) -> None:
        """Forget the unused script (the default answers again); requests stay recorded."""
        with self._lock:
            self._script.clear()

    def next_behaviour(self) -> Behaviour:
        """The next scripted behaviour, or the default once the script is used up."""
        with self._lock:
            return self._script.pop(0) if self._script else self.default

    def record(self, rec: Recorded) -> None:
        """Keep one received request."""
        with self._lock:
            self.requests.append(rec)

    @property
    def count(self) -> int:
        """How many requests arrived."""
        with self._lock:
            return len(self.requests)

    def last(self) -> Recorded:
        """The most recent request."""
        with self._lock:
            return self.requests[-1]

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True if the server is closing."""
        return self._stopping.wait(seconds) if seconds > 0 else self._stopping.is_set()


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a hanging request never blocks close()
    request_queue_size = 256  # many concurrent games connect at once; the default backlog of 5 drops SYNs

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that time out or vanish are part of the script, not errors


class _Handler(BaseHTTPRequestHandler):
    fake: FakeProvider
    protocol_version = "HTTP/1.1"  # keep-alive, as the real APIs do
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart (Nagle + delayed ACK)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet test output
        pass

    def do_GET(self) -> None:  # noqa: N802
        self._send(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = raw
        fake = self.fake
        fake.record(Recorded("POST", self.path, {k.lower(): v for k, v in self.headers.items()}, body,
                             client_port=self.client_address[1]))
        b = fake.next_behaviour()
        if fake.wait(fake.latency + (b.delay if b.kind != "hang" else 0)):
            return self._drop()
        if b.kind == "hang":
            if fake.wait(b.delay):
                return self._drop()
            b = ok()
        if b.kind == "drop":
            return self._drop()
        if b.kind == "malformed":
            return self._send_raw(200, b'{"id": "msg_1", "content": [ {"type": "text", "text": "ca', "application/json")
        model = b.model or _requested_model(fake.flavour, self.path, body)
        key = _sent_key(self.headers)
        status, payload = RENDER[fake.flavour](b, model, key)
        self._send(status, payload, b.headers)

    def _send(self, status: int, payload: Any, headers: Iterable[tuple[str, str]] = ()) -> None:
        self._send_raw(status, json.dumps(payload).encode(), "application/json", headers)

    def _send_raw(self, status: int, data: bytes, ctype: str, headers: Iterable[tuple[str, str]] = ()) -> None:
        try:
            self.send_response(status)
            self.send_header("content-type", ctype)
            self.send_header("content-length", str(len(data)))
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            self.close_connection = True  # the client gave up (timeout): nothing to answer

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


# -- drawings to send ------------------------------------------------------------------------------

def drawing_png(size: int = 512, box: tuple[int, int, int, int] = (60, 140, 460, 300)) -> bytes:
    """A canvas-like RGBA PNG (transparent background) with one black ellipse: ink to crop."""
    from PIL import Image, ImageDraw

    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    ImageDraw.Draw(im).ellipse(box, outline=(0, 0, 0, 255), width=6)
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def blank_png(size: int = 512) -> bytes:
    """A canvas with nothing drawn yet."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGBA", (size, size), (0, 0, 0, 0)).save(buf, format="PNG")
    return buf.getvalue()


# -- provider wire formats ------------------------------------------------------------------------

_ERROR_NAMES = {
    400: ("invalid_request_error", "INVALID_ARGUMENT"),
    401: ("authentication_error", "UNAUTHENTICATED"),
    403: ("permission_error", "PERMISSION_DENIED"),
    429: ("rate_limit_error", "RESOURCE_EXHAUSTED"),
    500: ("api_error", "INTERNAL"),
    503: ("api_error", "UNAVAILABLE"),
    529: ("overloaded_error", "UNAVAILABLE"),
}


def _error_message(b: Behaviour, key: str) -> str:
    if b.echo_key:
        return f"invalid api key: {key}"
    return {429: "rate limited, slow down", 529: "Overloaded"}.get(b.status, f"fake error {b.status}")


def _render_anthropic(b: Behaviour, model: str, key: str) -> tuple[int, Any]:
    if b.kind == "status":
        etype = _ERROR_NAMES.get(b.status, ("api_error", ""))[0]
        return b.status, {"type": "error", "error": {"type": etype, "message": _error_message(b, key)}}
    usage = {"input_tokens": b.input_tokens, "output_tokens": b.output_tokens + b.thinking_tokens,
             "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
    content: list[dict[str, Any]] = []
    stop = "end_turn"
    if b.kind == "ok":
        if b.thinking_tokens:
            content.append({"type": "thinking", "thinking": "hmm", "signature": "sig"})
        content.append({"type": "text", "text": b.text})
    elif b.kind == "refusal":
        stop = "refusal"
    elif b.kind == "cut":
        stop = "max_tokens"
    return 200, {"id": "msg_fake", "type": "message", "role": "assistant", "model": model, "content": content,
                 "stop_reason": stop, "stop_sequence": None, "usage": usage}


def _render_openai(b: Behaviour, model: str, key: str) -> tuple[int, Any]:
    if b.kind == "status":
        etype = _ERROR_NAMES.get(b.status, ("server_error", ""))[0]
        return b.status, {"error": {"message": _error_message(b, key), "type": etype, "param": None,
                                    "code": str(b.status)}}
    message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
    finish = "stop"
    if b.kind == "ok":
        message["content"] = b.text
    elif b.kind == "refusal":
        if (b.reason or "refusal") == "content_filter":
            finish = "content_filter"
        else:
            message["refusal"] = "I'm sorry, I can't help with that."
    elif b.kind in ("empty", "cut"):
        message["content"] = ""
        finish = "length" if b.kind == "cut" else "stop"
    usage = {"prompt_tokens": b.input_tokens, "completion_tokens": b.output_tokens + b.thinking_tokens,
             "total_tokens": b.input_tokens + b.output_tokens + b.thinking_tokens,
             "completion_tokens_details": {"reasoning_tokens": b.thinking_tokens},
             "prompt_tokens_details": {"cached_tokens": 0}}
    return 200, {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": model,
                 "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
                 "usage": usage}


def _render_gemini(b: Behaviour, model: str, key: str) -> tuple[int, Any]:
    if b.kind == "status":
        status = _ERROR_NAMES.get(b.status, ("", "INTERNAL"))[1]
        return b.status, {"error": {"code": b.status, "message": _error_message(b, key), "status": status}}
    usage = {"promptTokenCount": b.input_tokens, "candidatesTokenCount": b.output_tokens,
             "totalTokenCount": b.input_tokens + b.output_tokens + b.thinking_tokens}
    if b.thinking_tokens:
        usage["thoughtsTokenCount"] = b.thinking_tokens
    out: dict[str, Any] = {"usageMetadata": usage, "modelVersion": model, "responseId": "fake"}
    if b.kind == "ok":
        out["candidates"] = [{"content": {"role": "model", "parts": [{"text": b.text}]},
                              "finishReason": "STOP", "index": 0}]
    elif b.kind in ("empty", "cut"):
        finish = "MAX_TOKENS" if b.kind == "cut" else "STOP"
        out["candidates"] = [{"content": {"role": "model", "parts": []}, "finishReason": finish, "index": 0}]
    elif b.kind == "refusal":
        reason = b.reason or "block_reason"
        if reason == "block_reason":
            out["promptFeedback"] = {"blockReason": "SAFETY"}
        else:
            out["candidates"] = [{"finishReason": reason, "index": 0,
                                  "safetyRatings": [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT",
                                                     "probability": "HIGH", "blocked": True}]}]
    return 200, out


RENDER = {"anthropic": _render_anthropic, "openai": _render_openai, "gemini": _render_gemini}


def _requested_model(flavour: str, path: str, body: Any) -> str:
    if flavour == "gemini":
        tail = path.split("/models/", 1)[-1]
        return tail.split(":", 1)[0]
    return body.get("model", "unknown") if isinstance(body, dict) else "unknown"


def _sent_key(headers: Any) -> str:
    auth = headers.get("authorization") or ""
    if auth.lower().startswith("bearer "):
        return auth[7:]
    return headers.get("x-api-key") or headers.get("x-goog-api-key") or ""


def _find_images(node: Any) -> Iterable[str]:
    """Base64 image payloads in any of the three request shapes."""
    if isinstance(node, dict):
        if node.get("type") == "base64" and "data" in node:  # Anthropic image source
            yield node["data"]
        elif "inlineData" in node or "inline_data" in node:  # Gemini part
            inline = node.get("inlineData") or node.get("inline_data")
            yield inline["data"]
        elif node.get("type") == "image_url":  # OpenAI data URL
            url = node["image_url"]["url"]
            yield url.split(",", 1)[1]
        else:
            for v in node.values():
                yield from _find_images(v)
    elif isinstance(node, list):
        for v in node:
            yield from _find_images(v)


def _find_texts(node: Any) -> Iterable[str]:
    if isinstance(node, dict):
        if isinstance(node.get("text"), str):
            yield node["text"]
        for k, v in node.items():
            if k != "text":
                yield from _find_texts(v)
    elif isinstance(node, list):
        for v in node:
            yield from _find_texts(v)
