"""Sharing: game links, the text and the unfurling page that go with them, and the QR code that lets a room join.

What a shared game says is in the game's language (its row's `lang`; the word as that language says it, see
core.lobby.Lobby.localized), whoever shares it.
"""
from __future__ import annotations

import html
import io
import re
from typing import Mapping, Sequence
from urllib.parse import quote, urlencode, urlsplit

import qrcode

from core.access import is_trusted_proxy
from core.i18n import DEFAULT_LANGUAGE, LANGUAGES, choose_language, t

TRUE_VALUES = ("1", "true", "yes", "on")
SITE = "Pictionary Arena"
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


def game_lang(game: dict) -> str:
    """The language a game was played in (rows from before languages, or a code we do not speak: English)."""
    return choose_language(game.get("lang"))


def seconds_text(value: float, lang: str, digits: int = 1) -> str:
    """A number of seconds as the language writes it: "4.2" in English, "4,2" in German, French, Spanish, Italian."""
    text = f"{value:.{digits}f}"
    return text if lang == DEFAULT_LANGUAGE else text.replace(".", ",")


def winner_name(game: dict, lang: str | None = None) -> str:
    """Who won, as a share line says it: a person's nickname marked as a person in the room, a model without its
    version."""
    lang = lang or game_lang(game)
    name = str(game.get("winner") or t(lang, "share.somebody"))
    return t(lang, "share.person", name=name) if game.get("winner_human") else (_MODEL_SUFFIX.sub("", name) or name)


def _seconds(game: dict, lang: str) -> str:
    """The time a game's result names: how long the win took, or the game's whole length."""
    if game.get("status") == "won":
        return seconds_text(game.get("duration_s") or 0, lang)
    return seconds_text(game.get("game_seconds") or game.get("duration_s") or 0, lang, digits=0)


def result_parts(game: dict, lang: str | None = None) -> tuple[str, str]:
    """Who guessed it, and how fast, in the game's language: ("Claude guessed it", "in 4.2 s"), ("Nobody guessed
    it", "in 45 s")."""
    lang = lang or game_lang(game)
    status = game.get("status")
    if status == "won":
        return t(lang, "share.won_lead", winner=winner_name(game, lang)), t(lang, "share.in_seconds",
                                                                             seconds=_seconds(game, lang))
    lost = t(lang, "share.lost_lead")
    if status == "timeout":
        return lost, t(lang, "share.in_seconds", seconds=_seconds(game, lang))
    if status == "quit":
        return lost, t(lang, "share.gave_up")
    return lost, ""


def share_title(game: dict, lang: str | None = None) -> str:
    """The unfurled title in the game's language: "Claude guessed my cat in 4.2 s"."""
    lang = lang or game_lang(game)
    status = game.get("status")
    key = {"won": "share.title_won", "timeout": "share.title_timeout", "quit": "share.title_quit"}.get(
        status or "", "share.title_lost")
    return t(lang, key, winner=winner_name(game, lang), word=game.get("word", "?"), seconds=_seconds(game, lang))


def other_guesses(game: dict, guesses: Sequence[dict], limit: int = OTHER_GUESSES,
                  lang: str | None = None) -> list[tuple[str, str]]:
    """Up to `limit` of the models' other answers, (who, what), first said first, one per answer."""
    seen, out = {str(game.get("word", "")).strip().lower()}, []
    for g in guesses:
        text = (g.get("text") or "").strip()
        if g.get("human") or g.get("refused") or g.get("won") or not text or text.lower() in seen:
            continue
        seen.add(text.lower())
        out.append((_MODEL_SUFFIX.sub("", g.get("guesser") or "") or t(lang or game_lang(game), "share.a_model"), text))
        if len(out) == limit:
            break
    return out


def share_description(game: dict, guesses: Sequence[dict], lang: str | None = None) -> str:
    """The unfurled description in the game's language: the other answers, whether the word was written, and what
    the game is."""
    lang = lang or game_lang(game)
    parts = []
    if game.get("wrote_word"):
        parts.append(t(lang, "share.written"))
    others = other_guesses(game, guesses, lang=lang)
    if others:
        parts.append(t(lang, "share.also_guessed", guesses=", ".join(f"“{text}” ({who})" for who, text in others)))
    parts.append(t(lang, "share.pitch"))
    return " ".join(parts)


def _escaped(value: str) -> str:
    return html.escape(value, quote=True)  # every value is hostile input: nicknames, words, forwarded hosts


def share_page(title: str, description: str, page_url: str, image_url: str, game_link: str,
               lang: str = DEFAULT_LANGUAGE) -> str:
    """The small HTML page a share link answers, in `lang` (the game's): Open Graph and Twitter card tags, then on
    to the game."""
    e = _escaped
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    width, height = CARD_SIZE
    meta = [("property", "og:site_name", SITE), ("property", "og:type", "website"),
            ("property", "og:title", title), ("property", "og:description", description),
            ("property", "og:url", page_url), ("property", "og:image", image_url),
            ("property", "og:image:type", "image/png"), ("property", "og:image:width", str(width)),
            ("property", "og:image:height", str(height)), ("property", "og:image:alt", t(lang, "share.image_alt", title=title)),
            ("name", "twitter:card", "summary_large_image"), ("name", "twitter:title", title),
            ("name", "twitter:description", description), ("name", "twitter:image", image_url)]
    tags = "\n".join(f'<meta {k}="{e(n)}" content="{e(v)}">' for k, n, v in meta)
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{e(title)} · {SITE}</title>\n'
            f'<meta name="description" content="{e(description)}">\n{tags}\n'
            f'<link rel="canonical" href="{e(page_url)}">\n'
            f'<meta http-equiv="refresh" content="0; url={e(game_link)}">\n</head>\n<body>\n'
            f'<p>{e(title)}.</p>\n<p><a href="{e(game_link)}">{e(t(lang, "share.see_game", site=SITE))}</a></p>\n'
            '</body>\n</html>\n')


NOT_FOUND_PAGE = ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>No such game</title></head>'
                  '<body><p>We could not find that game. The link may be mistyped, or the game may be hidden '
                  'or still running.</p><p><a href="/">Play a game</a></p></body></html>\n')


def room_url(public_url: str, code: str | None = None) -> str:
    """Where presenter mode's QR code sends the room: the light page (/room, core/join.py: no Streamlit session per
    phone), with the event code when the host requires one (scanning it lets a phone in)."""
    query = f"?{urlencode({'code': code})}" if code else ""
    return f"{(public_url or 'http://localhost:8501').rstrip('/')}/room{query}"


def share_text(game: dict, lang: str | None = None) -> str:
    """One line to post with a game's link, in the game's language."""
    lang = lang or game_lang(game)
    word = game.get("word", "?")
    if game.get("status") == "won":
        return t(lang, "share.text_won", word=word, winner=winner_name(game, lang), seconds=_seconds(game, lang))
    return t(lang, "share.text_lost", word=word)


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
