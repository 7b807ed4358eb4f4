"""Sharing: game links, the text that goes with them, and the QR code that lets a room join."""
from __future__ import annotations

import io
from urllib.parse import quote, urlencode

import qrcode

TRUE_VALUES = ("1", "true", "yes", "on")


def flag(value: object) -> bool:
    """A URL flag like ?present=1; anything unexpected reads as off."""
    return isinstance(value, str) and value.strip().lower() in TRUE_VALUES


def game_url(public_url: str, game_id: str) -> str:
    """The shareable address of a game's page."""
    base = (public_url or "").rstrip("/")
    return f"{base}/Game?{urlencode({'game': game_id})}"


def share_text(game: dict) -> str:
    """One line to post with a game's link."""
    word = game.get("word", "?")
    if game.get("status") == "won":
        return f"I drew “{word}” and {game.get('winner')} guessed it in {game.get('duration_s') or 0:.1f} s!"
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
