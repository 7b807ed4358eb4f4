"""Canvas pixels to compact PNGs, stroke rendering, and the crops the guessers see."""
from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw

CANVAS_SIZE = 512
PEN_WIDTH = 6
INK_THRESHOLD = 200
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_PNG_BYTES = 8 * 1024 * 1024
MAX_PNG_SIDE = 4096

Stroke = Sequence[Sequence[float]]  # [[x0, x1, ...], [y0, y1, ...], (optional) [t0, t1, ...]]


class BadImage(Exception):
    """That is not a PNG image we can use."""


class EmptyDrawing(Exception):
    """The drawing has no ink yet."""


@dataclass(frozen=True)
class PngInfo:
    """Width and height read from a PNG header."""

    width: int
    height: int


def png_info(png: bytes) -> PngInfo:
    """Read the size from a PNG's header without decoding it; raise BadImage if it is not one."""
    if not isinstance(png, (bytes, bytearray, memoryview)):
        raise BadImage("expected PNG bytes")
    png = bytes(png[:33])
    if len(png) < 24 or not png.startswith(PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise BadImage("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    if not (0 < width <= MAX_PNG_SIDE and 0 < height <= MAX_PNG_SIDE):
        raise BadImage(f"PNG size {width}x{height} is out of range")
    return PngInfo(width, height)


def decode_png(png: bytes) -> Image.Image:
    """Decode PNG bytes fully into an 'L' image on white; raise BadImage on anything broken."""
    if len(png) > MAX_PNG_BYTES:
        raise BadImage("PNG is too large")
    png_info(png)
    try:
        with Image.open(io.BytesIO(png)) as im:
            im.load()
            return flatten(im)
    except (OSError, ValueError, SyntaxError, zlib.error, Image.DecompressionBombError) as exc:
        raise BadImage(f"broken PNG: {type(exc).__name__}") from exc


def flatten(im: Image.Image) -> Image.Image:
    """Composite any image onto white and return it as greyscale 'L'."""
    if im.mode in ("RGBA", "LA") and im.getchannel("A").getextrema()[0] == 255:
        return im.convert("L")  # fully opaque (the play canvas has a white background): nothing to composite
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    return im.convert("L")


def rgba_to_image(rgba: np.ndarray) -> Image.Image:
    """Turn a canvas's RGBA array (transparent background) into a greyscale image on white."""
    arr = np.asarray(rgba)
    if arr.ndim != 3 or arr.shape[2] not in (3, 4) or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise BadImage(f"canvas array has shape {arr.shape}")
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    if arr.shape[2] == 3:
        return Image.fromarray(arr, "RGB").convert("L")
    return flatten(Image.fromarray(arr, "RGBA"))


def encode_png(im: Image.Image) -> bytes:
    """Encode an image as PNG quickly (fast zlib level: this runs on every canvas rerun)."""
    buf = io.BytesIO()
    im.save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def canvas_png(rgba: np.ndarray) -> bytes:
    """The PNG the app stores and hands to the pool for one canvas frame."""
    return encode_png(rgba_to_image(rgba))


def ink_pixels(im: Image.Image, threshold: int = INK_THRESHOLD) -> int:
    """How many pixels of a greyscale drawing are ink (darker than the threshold)."""
    return int(np.count_nonzero(np.asarray(im.convert("L")) < threshold))


def has_ink(im: Image.Image, threshold: int = INK_THRESHOLD) -> bool:
    """True if any pixel is darker than the ink threshold."""
    return ink_bbox(im, threshold) is not None


def ink_bbox(im: Image.Image, threshold: int = INK_THRESHOLD) -> tuple[int, int, int, int] | None:
    """The bounding box (left, top, right, bottom) of the dark pixels, or None."""
    mask = im.convert("L").point(lambda v: 255 if v < threshold else 0)
    return mask.getbbox()


def crop_to_ink(im: Image.Image, margin: float = 0.08, square: bool = False) -> Image.Image:
    """Crop a greyscale drawing to its ink plus a margin (a fraction of the long side)."""
    box = ink_bbox(im)
    if box is None:
        raise EmptyDrawing("nothing drawn yet")
    left, top, right, bottom = box
    w, h = right - left, bottom - top
    side = max(w, h)
    pad = max(2, int(round(side * margin)))
    if square:
        cx, cy = (left + right) / 2, (top + bottom) / 2
        half = side / 2 + pad
        box = (int(cx - half), int(cy - half), int(cx + half), int(cy + half))
    else:
        box = (left - pad, top - pad, right + pad, bottom + pad)
    # Image.crop pads outside the image with black; paste onto white instead.
    out = Image.new("L", (box[2] - box[0], box[3] - box[1]), 255)
    out.paste(im.convert("L"), (-box[0], -box[1]))
    return out


def prepare_for_vision(png: bytes, max_side: int = 384, margin: float = 0.08) -> bytes:
    """The least image that stays recognizable: ink crop, greyscale on white, long side <= max_side."""
    im = crop_to_ink(decode_png(png), margin=margin)
    w, h = im.size
    scale = min(1.0, max_side / max(w, h))
    if scale < 1.0:
        im = im.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def fit_strokes(
    strokes: Sequence[Stroke], size: int = CANVAS_SIZE, fill: float = 0.8, offset: tuple[float, float] = (0.0, 0.0)
) -> list[list[list[float]]]:
    """Scale and centre raw strokes so their bounding box fills `fill` of a size x size canvas."""
    xs = [x for s in strokes for x in s[0]]
    ys = [y for s in strokes for y in s[1]]
    if not xs:
        return []
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    extent = max(x1 - x0, y1 - y0, 1e-6)
    scale = fill * size / extent
    cx = size / 2 - (x0 + x1) / 2 * scale + offset[0] * size
    cy = size / 2 - (y0 + y1) / 2 * scale + offset[1] * size
    return [[[x * scale + cx for x in s[0]], [y * scale + cy for y in s[1]]] for s in strokes]


def render_strokes(strokes: Sequence[Stroke], size: int = CANVAS_SIZE, pen_width: float = PEN_WIDTH) -> Image.Image:
    """Draw strokes (canvas coordinates) black on white with round caps, as the browser canvas does."""
    im = Image.new("L", (size, size), 255)
    draw = ImageDraw.Draw(im)
    r = pen_width / 2
    for s in strokes:
        pts = list(zip(s[0], s[1]))
        if not pts:
            continue
        if len(pts) > 1:
            draw.line(pts, fill=0, width=max(1, int(round(pen_width))), joint="curve")
        for x, y in (pts[0], pts[-1]) if len(pts) > 1 else pts:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=0)
    return im
