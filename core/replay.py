"""Replays: a finished game's frames as an animated GIF, built once when the game is over."""
from __future__ import annotations

import io
from typing import Sequence

from PIL import Image

from core.images import decode_png

GIF_SIZE = 256
FRAME_MS = 350
HOLD_MS = 2000
MAX_GIF_FRAMES = 60


def build_gif(frames: Sequence[bytes], size: int = GIF_SIZE, frame_ms: int = FRAME_MS,
              hold_ms: int = HOLD_MS) -> bytes:
    """An animated GIF of the frames (whole canvas, scaled to size x size), holding the last one."""
    if not frames:
        raise ValueError("a replay needs at least one frame")
    if len(frames) > MAX_GIF_FRAMES:  # keep the first and last, spread the rest evenly
        step = (len(frames) - 1) / (MAX_GIF_FRAMES - 1)
        frames = [frames[round(i * step)] for i in range(MAX_GIF_FRAMES)]
    images = []
    for png in frames:
        im = decode_png(png)
        im.thumbnail((size, size), Image.LANCZOS)
        canvas = Image.new("L", (size, size), 255)
        canvas.paste(im, ((size - im.width) // 2, (size - im.height) // 2))
        images.append(canvas.convert("P"))
    durations = [frame_ms] * (len(images) - 1) + [hold_ms]
    buf = io.BytesIO()
    images[0].save(buf, format="GIF", save_all=True, append_images=images[1:], duration=durations,
                   loop=0, optimize=True, disposal=1)
    return buf.getvalue()
