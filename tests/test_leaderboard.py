"""Leaderboard rules and sharing helpers."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from core.leaderboard import board_for, period_start
from core.share import flag, game_url, qr_png, share_text

WED_NOON = dt.datetime(2026, 11, 18, 12, 0, tzinfo=dt.timezone.utc).timestamp()


@pytest.mark.parametrize("period, start", [
    ("Today", dt.datetime(2026, 11, 18, tzinfo=dt.timezone.utc).timestamp()),
    ("This week", dt.datetime(2026, 11, 16, tzinfo=dt.timezone.utc).timestamp()),
    ("All time", 0.0),
])
def test_periods_start_at_utc_midnight_and_monday(period, start):
    assert period_start(period, WED_NOON) == start


def rows(n, mine=None):
    return [{"rank": i, "player_id": "me" if i == mine else f"p{i}", "id": f"{i:012x}"} for i in range(1, n + 1)]


def test_viewer_outside_the_top_ten_sees_their_rank_and_neighbours():
    board = board_for(rows(30, mine=17), viewer="me")
    assert [r["rank"] for r in board.top] == list(range(1, 11))
    assert [r["rank"] for r in board.mine] == [15, 16, 17, 18, 19] and board.my_rank == 17


def test_viewer_inside_the_top_ten_needs_no_extra_rows():
    board = board_for(rows(30, mine=3), viewer="me")
    assert board.mine == [] and board.my_rank == 3


def test_neighbours_never_repeat_the_top_rows():
    board = board_for(rows(12, mine=11), viewer="me")
    assert [r["rank"] for r in board.mine] == [11, 12]


@given(st.one_of(st.none(), st.integers(), st.text(max_size=30)))
def test_present_flag_accepts_only_clear_yes_values(value):
    assert flag(value) == (isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on"))


def test_share_text_and_link_name_the_game():
    game = {"status": "won", "word": "cat", "winner": "Claude", "duration_s": 4.24}
    assert share_text(game) == "I drew “cat” and Claude guessed it in 4.2 s!"
    assert game_url("https://arena.example/", "0123456789ab") == "https://arena.example/Game?game=0123456789ab"


def test_qr_code_is_a_png_image():
    im = Image.open(io.BytesIO(qr_png("https://arena.example")))
    assert im.format == "PNG" and im.size[0] == im.size[1] > 100
