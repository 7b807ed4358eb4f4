"""Hostile visitors: the client's address behind a proxy, evals only for an admin, a braked sign-in, fair seats."""
from __future__ import annotations

import logging
import random
import time
from types import SimpleNamespace
from unittest import mock

import pytest
from apptest import open_page
from scripted import ScriptedGuesser

from core.access import (
    EVAL_SIGN_IN,
    EVAL_THIS_MACHINE_ONLY,
    UNKNOWN,
    AdminGate,
    address_key,
    client_address,
    eval_refusal,
    is_this_machine,
    sign_in_wait,
)
from core.lobby import Lobby, LobbySettings, Referee, TooManySeats
from core.pool import GuesserPool, PoolSettings
from core.store import Store
from core.words import Word

LOOPBACK = ("127.0.0.1", "::1")


@pytest.mark.parametrize("peer, headers, trusted, expected", [
    (None, {}, LOOPBACK, "127.0.0.1"),  # Streamlit reports a loopback peer as None
    ("::ffff:127.0.0.1", {}, LOOPBACK, "127.0.0.1"),
    ("203.0.113.9", {}, LOOPBACK, "203.0.113.9"),
    (None, {"X-Forwarded-For": "198.51.100.7"}, LOOPBACK, "198.51.100.7"),  # nginx on this machine
    (None, {"x-forwarded-for": "198.51.100.7, 127.0.0.1"}, LOOPBACK, "198.51.100.7"),
    ("203.0.113.9", {"X-Forwarded-For": "127.0.0.1"}, LOOPBACK, "203.0.113.9"),  # a stranger's header is ignored
    (None, {"X-Forwarded-For": "1.2.3.4, 198.51.100.7"}, LOOPBACK, "198.51.100.7"),  # the nearest hop, not a forged one
    ("10.0.0.5", {"X-Forwarded-For": "198.51.100.7"}, ("10.0.0.0/8",), "198.51.100.7"),
    (None, {"X-Forwarded-For": "not an address"}, LOOPBACK, UNKNOWN),
    (mock.MagicMock(), {}, LOOPBACK, UNKNOWN),
    ("", {}, LOOPBACK, UNKNOWN),
    ("[::1]", {}, LOOPBACK, "::1"),
])
def test_the_client_address_trusts_only_the_configured_proxies(peer, headers, trusted, expected):
    assert client_address(peer, headers, trusted) == expected


@pytest.mark.parametrize("address, local", [("127.0.0.1", True), ("::1", True), ("127.8.9.1", True),
                                            ("198.51.100.7", False), (UNKNOWN, False), ("", False)])
def test_only_a_loopback_address_is_this_machine(address, local):
    assert is_this_machine(address) is local


@pytest.mark.parametrize("password_set, signed_in, address, refusal", [
    (False, False, "127.0.0.1", None),
    (False, False, "198.51.100.7", EVAL_THIS_MACHINE_ONLY),
    (False, False, UNKNOWN, EVAL_THIS_MACHINE_ONLY),
    (True, False, "127.0.0.1", EVAL_SIGN_IN),
    (True, True, "198.51.100.7", None),
])
def test_evals_spend_money_only_for_an_admin_or_from_this_machine(password_set, signed_in, address, refusal):
    assert eval_refusal(password_set, signed_in, address) == refusal


@pytest.mark.parametrize("failures, since_last, wait", [
    (0, 0, 0), (2, 0, 0), (3, 0, 5), (3, 4, 1), (3, 5, 0), (4, 0, 10), (5, 0, 20), (20, 0, 900), (20, 3600, 0),
])
def test_the_sign_in_pause_grows_after_a_few_wrong_passwords(failures, since_last, wait):
    assert sign_in_wait(failures, 1000.0 - since_last, 1000.0) == pytest.approx(wait)


def test_the_sign_in_brake_is_kept_in_the_database_and_a_right_password_works_after_it(tmp_path, caplog):
    secret = b"s" * 32
    gate = AdminGate(Store(tmp_path / "a.db"), secret)
    other_process = AdminGate(Store(tmp_path / "a.db"), secret)
    with caplog.at_level(logging.WARNING):
        for t in (0, 1, 2):
            assert not gate.attempt("198.51.100.7", "guess-%d" % t, "right", now=100.0 + t).ok
    assert other_process.wait_for("198.51.100.7", now=102.0) == pytest.approx(5.0), "every process agrees"
    paused = other_process.attempt("198.51.100.7", "right", "right", now=103.0)
    assert not paused.ok and not paused.heard and paused.wait_s == 4
    assert gate.wait_for("203.0.113.1", now=103.0) == 0, "another address is not slowed"
    assert gate.attempt("198.51.100.7", "right", "right", now=107.5).ok
    assert gate.wait_for("198.51.100.7", now=107.6) == 0, "a right password clears the count"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert logged.count("sign-in failed from 198.51.100.7") == 3
    assert "guess-" not in logged, "the failures are logged without the password"
    row = gate.store.one("SELECT * FROM login_failures")
    assert row is None or "198.51.100.7" not in str(row), "the database keeps a pseudonym, not the address"


def test_wrong_passwords_in_a_row_double_the_pause(tmp_path):
    gate = AdminGate(Store(tmp_path / "a.db"), b"k" * 32)
    now = 0.0
    pauses = []
    for _ in range(6):
        outcome = gate.attempt("198.51.100.7", "nope", "right", now)
        pauses.append(outcome.wait_s)
        now += outcome.wait_s + 0.1
    assert pauses == [0, 0, 5, 10, 20, 40]


@pytest.fixture
def lobby(store, recorder):
    referee = Referee(store)
    pool = GuesserPool([ScriptedGuesser("a", [(0.0, "banana")])], recorder, PoolSettings(timeout=2.0),
                       referee=referee.claim_win)
    lob = Lobby(store, pool, [Word(w) for w in ("cat", "dog", "sun", "tree")],
                LobbySettings(max_games=2, seats_per_origin=3), referee=referee, rng=random.Random(1), now=0.0)
    yield lob
    lob.close(now=1e9)
    pool.close()


def test_one_address_holds_at_most_its_seats_however_many_player_ids_it_makes(lobby):
    crowd = address_key("198.51.100.7", b"x" * 32)
    for n in range(3):
        lobby.join(f"crowd-player-{n:03d}", now=1.0, origin=crowd)
    for n in range(3, 40):
        with pytest.raises(TooManySeats):
            lobby.join(f"crowd-player-{n:03d}", now=1.0, origin=crowd)
    assert len(lobby.running_games()) == 2 and lobby.queue_length() == 1
    assert lobby.join("someone-else-01", now=1.0, origin="another-origin").state == "queued"
    assert lobby.join("crowd-player-000", now=2.0, origin=crowd).state == "playing", "a seat it holds is kept"
    lobby.quit("crowd-player-000", now=3.0)
    assert lobby.join("crowd-player-050", now=4.0, origin=crowd).state == "queued", "a freed seat can be taken"


def client(address: str | None, headers: dict | None = None):
    """Make the page's st.context see this client (the connection's peer and its headers)."""
    ctx = SimpleNamespace(remote_ip=address, headers=list((headers or {}).items()), cookies={})
    return mock.patch("streamlit.runtime.context._get_client_context", return_value=ctx)


def test_the_eval_page_runs_nothing_for_a_stranger_without_a_password(streamlit_app):
    streamlit_app()
    with client("198.51.100.7"):
        at = open_page("pages/5_Eval.py")
    assert not at.exception
    assert any("run only from the server" in i.value for i in at.info)
    assert not [b for b in at.button if b.label == "Run"]
    with client(None):  # the same page opened on the server itself
        at = open_page("pages/5_Eval.py")
    assert [b for b in at.button if b.label == "Run"]


def test_the_admin_page_pauses_sign_in_after_wrong_passwords(streamlit_app):
    engine = streamlit_app(ADMIN_PASSWORD="correct horse")
    with client("198.51.100.7"):
        at = open_page("pages/7_Admin.py")
        for n in range(3):
            at.text_input[0].input(f"wrong {n}")
            at.button[0].click().run()
        assert "try again in 5 s" in at.error[0].value
        at.text_input[0].input("correct horse")
        at.button[0].click().run()
        assert "sign-in is paused" in at.warning[0].value, "the right password waits out the pause too"
        assert engine.admin_gate.wait_for("198.51.100.7", now=time.time()) > 0


def test_a_fourth_seat_from_one_address_is_refused_on_the_page_with_the_reason(streamlit_app):
    engine = streamlit_app(MAX_CONCURRENT_GAMES="1")
    for n in range(3):
        engine.lobby.join(f"same-network-{n:02d}", now=time.time(), origin=engine.origin("198.51.100.7"))
    with client("198.51.100.7"):
        at = open_page()
        at.button(key="play").click().run()
    assert not at.exception
    assert any("already queued or running from your network" in i.value for i in at.info)
    assert engine.lobby.queue_length() == 2, "the refused visitor holds no seat"
