"""Sharing: game links, the text and the unfurling page that go with them, and the QR code that lets a room join."""
from __future__ import annotations

import html
import io
import re
from typing import Mapping, Sequence
from urllib.parse import quote, urlencode, urlsplit

import qrcode

from core.access import is_trusted_proxy

TRUE_VALUES = ("1", "true", "yes", "on")
SITE = "Pictionary Arena"
PITCH = "Draw a word, and watch Claude, GPT, Gemini and our sketch model race to guess it."
WRITTEN = "The word was written in the drawing, so this game is not on the leaderboard."
CARD_SIZE = (1200, 630)
OTHER_GUESSES = 3
_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$")
_MODEL_SUFFIX = re.compile(r"\s*\([^()]*\)$")


def flag(value: object) -> bool:
    """A URL flag like ?present=1; anything unexpected reads as off."""
    return isinstance(value, str) and value.strip().lower() in TRUE_VALUES


def game_url(public_url: str, game_id: str) -> str:
    """The shareable address of a game's page."""
    base = (public_url or "").rstrip("/")
    return f"{base}/Game?{urlencode({'game': game_id})}"


def share_url(public_url: str, game_id: str) -> str:
    """The address that unfurls in chat apps (title, picture) and then forwards to the game's page."""
    base = (public_url or "").rstrip("/")
    return f"{base}/share/{quote(game_id, safe='')}"


def page_base(page_url: str | None, page: str) -> str:
    """The app's base address from a page's address in the browser ("http://h:8501/Game" gives "http://h:8501")."""
    if not page_url:
        return ""
    parts = urlsplit(page_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    path = parts.path.rstrip("/")
    if path.endswith("/" + page):
        path = path[: -len(page) - 1]
    return f"{parts.scheme}://{parts.netloc}{path}"


def request_base(public_url: str, scheme: str, host: str, headers: Mapping[str, str], peer: str | None,
                 trusted_proxies: Sequence[str]) -> str:
    """The absolute base for a response's links: PUBLIC_URL, else the request's, as a trusted proxy forwarded it."""
    if public_url:
        return public_url.rstrip("/")
    if is_trusted_proxy(peer, trusted_proxies):
        proto = (headers.get("x-forwarded-proto") or "").split(",")[0].strip().lower()
        scheme = proto if proto in ("http", "https") else scheme
        forwarded = (headers.get("x-forwarded-host") or "").split(",")[0].strip()
        host = forwarded if _HOST.match(forwarded) else host
    if scheme not in ("http", "https"):
        scheme = "http"
    if not _HOST.match(host or ""):
        host = "localhost"
    return f"{scheme}://{host}"


def winner_name(game: dict) -> str:
    """Who won, as a share line says it: a person's nickname marked as a person in the room, a model without its
    version."""
    name = str(game.get("winner") or "Somebody")
    return f"{name} (a person in the room)" if game.get("winner_human") else (_MODEL_SUFFIX.sub("", name) or name)


def result_parts(game: dict, what: str = "it") -> tuple[str, str]:
    """Who guessed `what`, and how fast: ("Claude guessed it", "in 4.2 s"), ("Nobody guessed it", "in 45 s")."""
    status = game.get("status")
    if status == "won":
        return f"{winner_name(game)} guessed {what}", f"in {game.get('duration_s') or 0:.1f} s"
    if status == "timeout":
        return f"Nobody guessed {what}", f"in {game.get('game_seconds') or game.get('duration_s') or 0:.0f} s"
    if status == "quit":
        return f"Nobody guessed {what}", "before I gave up"
    return f"Nobody guessed {what}", ""


def result_line(game: dict, what: str = "it") -> str:
    """Who guessed `what` and how fast, in one line: "Claude guessed it in 4.2 s"."""
    return " ".join(p for p in result_parts(game, what) if p)


def share_title(game: dict) -> str:
    """The unfurled title: "Claude guessed my cat in 4.2 s"."""
    return result_line(game, f"my {game.get('word', '?')}")


def other_guesses(game: dict, guesses: Sequence[dict], limit: int = OTHER_GUESSES) -> list[tuple[str, str]]:
    """Up to `limit` of the models' other answers, (who, what), first said first, one per answer."""
    seen, out = {str(game.get("word", "")).strip().lower()}, []
    for g in guesses:
        text = (g.get("text") or "").strip()
        if g.get("human") or g.get("refused") or g.get("won") or not text or text.lower() in seen:
            continue
        seen.add(text.lower())
        out.append((_MODEL_SUFFIX.sub("", g.get("guesser") or "") or "A model", text))
        if len(out) == limit:
            break
    return out


def share_description(game: dict, guesses: Sequence[dict]) -> str:
    """The unfurled description: the other answers, whether the word was written, and what the game is."""
    parts = []
    if game.get("wrote_word"):
        parts.append(WRITTEN)
    others = other_guesses(game, guesses)
    if others:
        parts.append("Also guessed: " + ", ".join(f"“{text}” ({who})" for who, text in others) + ".")
    parts.append(PITCH)
    return " ".join(parts)


def _escaped(value: str) -> str:
    return html.escape(value, quote=True)  # every value is hostile input: nicknames, words, forwarded hosts


def share_page(title: str, description: str, page_url: str, image_url: str, game_link: str) -> str:
    """The small HTML page a share link answers: Open Graph and Twitter card tags, then on to the game."""
    e = _escaped
    width, height = CARD_SIZE
    meta = [("property", "og:site_name", SITE), ("property", "og:type", "website"),
            ("property", "og:title", title), ("property", "og:description", description),
            ("property", "og:url", page_url), ("property", "og:image", image_url),
            ("property", "og:image:type", "image/png"), ("property", "og:image:width", str(width)),
            ("property", "og:image:height", str(height)), ("property", "og:image:alt", f"{title}: the drawing"),
            ("name", "twitter:card", "summary_large_image"), ("name", "twitter:title", title),
            ("name", "twitter:description", description), ("name", "twitter:image", image_url)]
    tags = "\n".join(f'<meta {k}="{e(n)}" content="{e(v)}">' for k, n, v in meta)
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{e(title)} · {SITE}</title>\n'
            f'<meta name="description" content="{e(description)}">\n{tags}\n'
            f'<link rel="canonical" href="{e(page_url)}">\n'
            f'<meta http-equiv="refresh" content="0; url={e(game_link)}">\n</head>\n<body>\n'
            f'<p>{e(title)}.</p>\n<p><a href="{e(game_link)}">See the game on {SITE}</a></p>\n</body>\n</html>\n')


NOT_FOUND_PAGE = ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>No such game</title></head>'
                  '<body><p>We could not find that game. The link may be mistyped, or the game may be hidden '
                  'or still running.</p><p><a href="/">Play a game</a></p></body></html>\n')


def room_url(public_url: str, code: str | None = None) -> str:
    """Where presenter mode's QR code sends the room: the light page (/room, core/join.py: no Streamlit session per
    phone), with the event code when the host requires one (scanning it lets a phone in)."""
    query = f"?{urlencode({'code': code})}" if code else ""
    return f"{(public_url or 'http://localhost:8501').rstrip('/')}/room{query}"


def share_text(game: dict) -> str:
    """One line to post with a game's link."""
    word = game.get("word", "?")
    if game.get("status") == "won":
        return f"I drew “{word}” and {winner_name(game)} guessed it in {game.get('duration_s') or 0:.1f} s!"
    return f"I drew “{word}” and no model guessed it. Can you draw it better?"


def tweet_url(text: str, url: str) -> str:
    """A link that opens a post with the text and the game's address."""
    return f"https://twitter.com/intent/tweet?text={quote(text)}&url={quote(url)}"


def qr_png(data: str, box_size: int = 10) -> bytes:
    """A QR code for `data` as PNG bytes."""
    qr = qrcode.QRCode(border=2, box_size=box_size, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(data)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buf)
    return buf.getvalue()
