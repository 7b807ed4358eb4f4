"""The picture a shared game link unfurls with: the final drawing, the word and the result on a 1200x630 card."""
from __future__ import annotations

import io
import logging
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from core.i18n import t
from core.images import BadImage, EmptyDrawing, crop_to_ink, decode_png
from core.share import CARD_SIZE, SITE, game_lang, result_parts

log = logging.getLogger(__name__)

BACKGROUND = (30, 35, 64)
PANEL = (255, 255, 255)
MUTED = (174, 180, 214)
TEXT = (255, 255, 255)
ACCENT = (255, 200, 69)
WARNING = (255, 150, 110)
MARGIN = 36
# Pillow's own font has no accents ("Schildkr?te"): a card in German, French, Spanish or Italian needs a font that
# has them. The first of these found is used; without any, letters are written without their accents.
FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
              "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
              "/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf",
              "/Library/Fonts/Arial Unicode.ttf", "C:/Windows/Fonts/arial.ttf")
PANEL_SIDE = CARD_SIZE[1] - 2 * MARGIN
COLUMN_X = MARGIN + PANEL_SIDE + 48
COLUMN_WIDTH = CARD_SIZE[0] - COLUMN_X - MARGIN


@lru_cache(maxsize=1)
def font_file() -> str | None:
    """The font file cards are drawn with, or None for Pillow's own (no accents)."""
    return next((f for f in FONT_FILES if Path(f).is_file()), None)


@lru_cache(maxsize=32)
def _font(size: int) -> ImageFont.FreeTypeFont:
    path = font_file()
    if path is not None:
        try:
            return ImageFont.truetype(path, size=size)
        except OSError:
            log.warning("cannot read the card font %s; using Pillow's own", path)
    return ImageFont.load_default(size=size)


def _clean(text: object) -> str:
    """Printable text on one line (control and format characters are dropped); without a font that has accents,
    letters lose them ("Schildkröte" as "Schildkrote", never a blank box)."""
    text = " ".join("".join(c for c in str(text) if unicodedata.category(c)[0] != "C").split())
    if font_file() is None:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text


def _width(text: str, size: int) -> float:
    return _font(size).getlength(text)


def _wrap(text: str, size: int, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split(" "):
        if lines and _width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _ellipsize(text: str, size: int, width: int) -> str:
    if _width(text, size) <= width:
        return text
    while text and _width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def fit_text(text: str, sizes: range, width: int, max_lines: int) -> tuple[int, list[str]]:
    """The largest size at which `text` wraps into `max_lines` lines of `width` px, and the lines ("…" if cut)."""
    for size in sizes:
        lines = _wrap(text, size, width)
        if len(lines) <= max_lines and all(_width(line, size) <= width for line in lines):
            return size, lines
    size = sizes[-1]
    wrapped = _wrap(text, size, width)
    lines = wrapped[:max_lines]
    if len(wrapped) > max_lines:
        lines[-1] = " ".join(wrapped[max_lines - 1:])
    return size, [_ellipsize(line, size, width) for line in lines]


def _drawing(frame_png: bytes | None, side: int) -> Image.Image | None:
    """The final frame cropped to its ink and scaled to fit a `side` square, or None if there is none."""
    if not frame_png:
        return None
    try:
        im = crop_to_ink(decode_png(frame_png))
    except EmptyDrawing:
        return None
    except BadImage as exc:
        log.warning("a share card is made without its drawing: %s", exc)
        return None
    scale = side / max(im.size)
    size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
    return im.resize(size, Image.Resampling.LANCZOS)


def _panel(card: Image.Image, frame_png: bytes | None, lang: str) -> None:
    draw = ImageDraw.Draw(card)
    box = (MARGIN, MARGIN, MARGIN + PANEL_SIDE, MARGIN + PANEL_SIDE)
    draw.rounded_rectangle(box, radius=28, fill=PANEL)
    inner = PANEL_SIDE - 56
    drawing = _drawing(frame_png, inner)
    if drawing is None:
        draw.text((MARGIN + PANEL_SIDE / 2, MARGIN + PANEL_SIDE / 2), _clean(t(lang, "cards.no_drawing")), font=_font(36),
                  fill=(150, 150, 160), anchor="mm")
        return
    x = MARGIN + (PANEL_SIDE - drawing.width) // 2
    y = MARGIN + (PANEL_SIDE - drawing.height) // 2
    card.paste(drawing.convert("RGB"), (x, y))


@dataclass(frozen=True)
class _Block:
    lines: list[str]
    size: int
    fill: tuple[int, int, int]
    bold: bool = False
    leading: float = 1.15
    gap: float = 0.0  # space above the block

    @property
    def height(self) -> float:
        return self.gap + self.size * self.leading * len(self.lines)


def _blocks(game: dict, scale: float) -> list[_Block]:
    """The text column, largest first; `scale` shrinks every size when the column would not fit."""
    def sizes(top: int, bottom: int) -> range:
        return range(round(top * scale), round(bottom * scale) - 1, -2)

    lang = game_lang(game)
    lead, stat = result_parts(game, lang)
    word_size, word = fit_text(_clean(game.get("word") or "?"), sizes(124, 52), COLUMN_WIDTH, 2)
    lead_size, lead_lines = fit_text(_clean(lead), sizes(50, 32), COLUMN_WIDTH, 2)
    blocks = [_Block([_clean(t(lang, "cards.i_drew"))], round(40 * scale), MUTED),
              _Block(word, word_size, TEXT, bold=True, leading=1.08, gap=4),
              _Block(lead_lines, lead_size, TEXT, leading=1.2, gap=26 * scale)]
    if stat:
        stat_size, stat_lines = fit_text(_clean(stat), sizes(76, 40), COLUMN_WIDTH, 1)
        blocks.append(_Block(stat_lines, stat_size, ACCENT, bold=True, leading=1.1, gap=4))
    if game.get("wrote_word"):
        note_size, note = fit_text(_clean(t(lang, "cards.written")), sizes(30, 22), COLUMN_WIDTH, 2)
        blocks.append(_Block(note, note_size, WARNING, gap=18 * scale))
    return blocks


def card_lines(game: dict) -> list[str]:
    """The card's text column as its largest layout draws it, top to bottom (the site's name aside)."""
    return [line for block in _blocks(game, 1.0) for line in block.lines]


def _column(draw: ImageDraw.ImageDraw, game: dict, bottom: float) -> None:
    for scale in (1.0, 0.9, 0.8, 0.7, 0.6):
        blocks = _blocks(game, scale)
        if MARGIN + 10 + sum(b.height for b in blocks) <= bottom:
            break
    y = MARGIN + 10
    for b in blocks:
        y += b.gap
        stroke = max(1, b.size // 36) if b.bold else 0
        for line in b.lines:
            draw.text((COLUMN_X, y), line, font=_font(b.size), fill=b.fill, stroke_width=stroke, stroke_fill=b.fill)
            y += b.size * b.leading


def render_card(game: dict, frame_png: bytes | None) -> bytes:
    """A game's 1200x630 PNG share card in the game's language (`game` as core.lobby.Lobby.localized gives it):
    its last drawing, the word, who guessed it how fast (a bad frame: none)."""
    card = Image.new("RGB", CARD_SIZE, BACKGROUND)
    _panel(card, frame_png, game_lang(game))
    draw = ImageDraw.Draw(card)
    brand_size, baseline = 44, CARD_SIZE[1] - MARGIN - 6
    _column(draw, game, baseline - brand_size - 24)
    draw.text((COLUMN_X, baseline), SITE, font=_font(brand_size), fill=TEXT, anchor="ls", stroke_width=1,
              stroke_fill=TEXT)
    buf = io.BytesIO()
    card.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
