"""Player identity: our signed tokens round-trip; anything else is refused, never trusted."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from core.identity import new_player_token, player_from_token
from core.lobby import check_player_id

SECRET = b"s" * 32


def test_a_token_we_signed_gives_back_its_player():
    token = new_player_token(SECRET, random.Random(1))
    player = player_from_token(token, SECRET)
    assert player and token.startswith(player + ".")
    assert check_player_id(player) == player


def test_a_token_signed_with_another_secret_is_refused():
    token = new_player_token(b"x" * 32, random.Random(1))
    assert player_from_token(token, SECRET) is None


def test_an_edited_player_id_is_refused():
    token = new_player_token(SECRET, random.Random(1))
    forged = ("A" if token[0] != "A" else "B") + token[1:]
    assert player_from_token(forged, SECRET) is None


@given(st.one_of(st.none(), st.integers(), st.text(max_size=200), st.lists(st.text())))
def test_garbage_is_refused_without_error(value):
    assert player_from_token(value, SECRET) is None
