"""Images: PNG checks at the edge, flattening onto white, ink crops and stroke rendering."""
from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from core.images import (
    BadImage,
    EmptyDrawing,
    crop_to_ink,
    decode_png,
    encode_png,
    flatten,
    png_info,
    prepare_for_vision,
    render_strokes,
)


def png_of(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def test_transparent_and_opaque_canvases_flatten_to_the_same_grey():
    arr = np.zeros((40, 40, 4), np.uint8)
    arr[10:20, 10:30] = (0, 0, 0, 255)
    transparent = Image.fromarray(arr, "RGBA")
    opaque = Image.alpha_composite(Image.new("RGBA", (40, 40), (255, 255, 255, 255)), transparent)
    assert np.array_equal(np.asarray(flatten(transparent)), np.asarray(flatten(opaque)))
    assert flatten(transparent).getpixel((0, 0)) == 255 and flatten(transparent).getpixel((15, 15)) == 0


@pytest.mark.parametrize("data", [b"", b"GIF89a" + b"\0" * 40, b"\x89PNG\r\n\x1a\n" + b"\0" * 30, "text"])
def test_non_png_bytes_are_refused(data):
    with pytest.raises(BadImage):
        png_info(data)


def test_truncated_png_is_refused_on_decode():
    good = png_of(render_strokes([[[10, 100], [10, 100]]], size=128))
    with pytest.raises(BadImage):
        decode_png(good[: len(good) // 2])


def test_huge_declared_size_is_refused_before_decoding():
    good = bytearray(png_of(Image.new("L", (8, 8), 255)))
    good[16:24] = (100000).to_bytes(4, "big") + (100000).to_bytes(4, "big")
    with pytest.raises(BadImage, match="out of range"):
        png_info(bytes(good))


def test_blank_canvas_has_no_ink_to_crop():
    with pytest.raises(EmptyDrawing):
        crop_to_ink(Image.new("L", (64, 64), 255))


def test_vision_image_is_cropped_to_the_ink_greyscale_and_small():
    im = render_strokes([[[100, 400], [200, 260]]], size=512, pen_width=6)
    out = Image.open(io.BytesIO(prepare_for_vision(encode_png(im), max_side=384)))
    assert out.mode == "L" and max(out.size) <= 384 and out.size[0] > 3 * out.size[1]


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise_anything_but_bad_image(data):
    try:
        decode_png(data)
    except BadImage:
        pass
