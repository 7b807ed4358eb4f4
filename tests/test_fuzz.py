"""Every parser that takes visitor input, fuzzed: no exception escapes, and a refusal changes nothing stored."""
from __future__ import annotations

import gzip
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.access import UNKNOWN, client_address
from core.identity import player_from_token, resolve_player
from core.judge import judge_guess
from core.lobby import BadPlayerId, GameNotFound, check_game_id, check_player_id
from core.nicknames import BadNickname, clean_nickname
from core.share import flag
from core.store import Store
from core.strokes import StrokeFileError, read_stroke_file
from core.words import WordsFileError, parse_words

VISITOR_TEXT = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00",
                     "\u202e" + "evil", "𝕔𝕒𝕥", "cat" * 100, "a.b", "0" * 12, "f" * 12]))
ANY = st.one_of(st.none(), st.integers(), st.floats(), st.booleans(), VISITOR_TEXT, st.lists(st.text(max_size=5)))
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(ANY)
def test_url_parameters_are_ours_or_refused_by_name(value):
    try:
        assert check_game_id(value) == value
    except GameNotFound:
        pass
    try:
        assert check_player_id(value) == value
    except BadPlayerId:
        pass
    assert player_from_token(value, b"s" * 32) is None or isinstance(value, str)
    assert isinstance(flag(value), bool)
    player, token = resolve_player(value, value, b"s" * 32, random.Random(0))
    assert player_from_token(token, b"s" * 32) == player


@FUZZ
@given(ANY, st.dictionaries(st.sampled_from(["X-Forwarded-For", "x-forwarded-for", "Host"]), VISITOR_TEXT))
def test_any_peer_and_headers_give_an_address_or_unknown(peer, headers):
    address = client_address(peer, headers, ("127.0.0.1", "::1"))
    assert address == UNKNOWN or ":" in address or "." in address


@FUZZ
@given(VISITOR_TEXT)
def test_a_refused_nickname_leaves_the_stored_one_as_it_was(tmp_path_factory, raw):
    store = Store(tmp_path_factory.mktemp("nick") / "n.db")
    store.touch_player("player-0001", 1.0)
    store.set_nickname("player-0001", "Ada")
    try:
        store.set_nickname("player-0001", clean_nickname(raw))  # what the result screen does
    except BadNickname:
        assert store.get_player("player-0001")["nickname"] == "Ada"
    else:
        assert store.get_player("player-0001")["nickname"] == clean_nickname(raw)
    store.close()


@FUZZ
@given(VISITOR_TEXT)
def test_any_guess_text_is_judged_without_error(text):
    verdict = judge_guess(text, "stop sign", ("stop",), ("stop sign", "cat", "dog"))
    assert isinstance(verdict.correct, bool) and isinstance(verdict.reason, str)


@FUZZ
@given(st.text(max_size=400))
def test_any_word_list_parses_or_names_its_bad_line(text):
    try:
        assert parse_words(text)
    except WordsFileError as exc:
        assert str(exc)


@FUZZ
@given(st.binary(max_size=1500), st.booleans())
def test_any_uploaded_stroke_file_gives_drawings_or_a_clear_refusal(data, packed):
    try:
        drawings, _ = read_stroke_file(gzip.compress(data) if packed else data, max_drawings=10)
        assert 0 < len(drawings) <= 10
    except StrokeFileError as exc:
        assert str(exc)
