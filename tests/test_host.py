"""The host's room: event code, room size, remove and ban, approve-first, hidden guesses and games, generated
nicknames, the per-address limit and the audit, on both engines and across processes."""
from __future__ import annotations

import random
import time

import pytest
from scripted import ScriptedGuesser

from core.access import AdminGate
from core.audience import AddressSlowDown, Audience, AudienceSettings, NeedNickname, SlowDown, guess_gate
from core.identity import host_token, is_host_token
from core.lobby import Lobby, LobbySettings, Referee
from core.nicknames import BadNickname
from core.pool import GuesserPool, PoolSettings
from core.recorder import Recorder
from core.room import BadRule, Banned, NeedCode, Removed, Room, RoomFull, WrongCode, is_generated
from core.store import Store
from core.visibility import ANYONE, HOST, Viewer, shown_guesses
from core.words import Word

WORDS = (Word("cat", ("kitty",)), Word("dog"), Word("sun"))
DRAWER = "drawer-00001"
HOSTED = "host@abcdef"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def hall(db_store):
    """A lobby with one running game, a silent model, the room and the audience, on each engine."""
    recorder = Recorder(db_store, retry_delays=(0.01,))
    referee = Referee(db_store)
    pool = GuesserPool([ScriptedGuesser("Model")], recorder, PoolSettings(timeout=5.0), referee=referee.claim_win)
    lobby = Lobby(db_store, pool, WORDS, LobbySettings(max_games=2, game_seconds=300), referee=referee,
                  rng=random.Random(2))
    clock = Clock()
    room = Room(db_store, lineup=["Model"], secret=b"k" * 32, clock=clock)
    audience = Audience(db_store, lobby, pool, AudienceSettings(gap_s=1.0), room=room)
    seat = lobby.join(DRAWER, now=time.time())
    for n, name in enumerate(("Maya", "Sam", "Robin", "Ada")):
        db_store.touch_player(f"person-{n:05d}", time.time())
        db_store.set_nickname(f"person-{n:05d}", name)
    yield db_store, lobby, pool, audience, room, seat, clock
    lobby.close()
    pool.close()
    recorder.close()


def people_rows(store, game_id):
    return [g for g in store.game_guesses(game_id) if g["human"]]


def fresh(clock):
    clock.t += 5  # past the rules' cache, as another process would read them


def test_an_event_code_keeps_strangers_out_and_lets_in_who_types_it(hall):
    store, lobby, pool, audience, room, seat, clock = hall
    room.set_rules(HOSTED, time.time(), code="ab c-12")
    assert room.rules(time.time()).code == "ABC12"
    with pytest.raises(NeedCode):
        audience.guess(seat.game_id, "person-00000", "dog", now=time.time(), origin="net-1")
    with pytest.raises(WrongCode):
        room.enter("person-00000", "net-1", "ZZZ99", time.time())
    room.enter("person-00000", "net-1", "abc12", time.time())  # as typed on a phone: case and spaces aside
    audience.guess(seat.game_id, "person-00000", "dog", now=time.time(), origin="net-1")
    room.set_rules(HOSTED, time.time(), code="NEWER")  # the code leaked: a new one; who is in stays in
    audience.guess(seat.game_id, "person-00000", "sun", now=time.time() + 2, origin="net-1")
    with pytest.raises(NeedCode):
        audience.guess(seat.game_id, "person-00001", "sun", now=time.time(), origin="net-2")
    assert [g["text"] for g in people_rows(store, seat.game_id)] == ["dog", "sun"]


def test_a_removed_person_stays_out_after_a_reload_or_a_new_nickname_until_let_back_in(hall):
    store, lobby, pool, audience, room, seat, clock = hall
    audience.guess(seat.game_id, "person-00000", "dog", now=time.time(), origin="net-1")
    assert room.set_standing(HOSTED, "person-00000", "removed", time.time())
    fresh(clock)
    with pytest.raises(Removed):
        audience.guess(seat.game_id, "person-00000", "sun", now=time.time() + 2, origin="net-1")
    room.set_nickname("person-00000", "Totally Different", time.time())
    with pytest.raises(Removed):
        audience.guess(seat.game_id, "person-00000", "sun", now=time.time() + 4, origin="net-1")
    game = store.get_game(seat.game_id)
    assert guess_gate(audience, game, False, "person-00000", "Totally Different", "net-1", time.time()).kind == "removed"
    audience.guess(seat.game_id, "person-00001", "sun", now=time.time(), origin="net-1"), "a removal is one person"
    room.set_standing(HOSTED, "person-00000", "in", time.time())
    audience.guess(seat.game_id, "person-00000", "sun", now=time.time() + 6, origin="net-1")


def test_a_ban_bars_the_persons_network_for_the_event_and_a_new_event_lifts_it(hall):
    store, lobby, pool, audience, room, seat, clock = hall
    audience.guess(seat.game_id, "person-00000", "dog", now=time.time(), origin="net-1")
    room.set_standing(HOSTED, "person-00000", "banned", time.time())
    with pytest.raises(Banned):
        audience.guess(seat.game_id, "person-00001", "dog", now=time.time(), origin="net-1"), "a new identity, same net"
    audience.guess(seat.game_id, "person-00002", "dog", now=time.time(), origin="net-2")
    room.new_event(HOSTED, "Evening session", time.time())
    assert room.rules(time.time()).name == "Evening session" and room.people(time.time()) == []
    audience.guess(seat.game_id, "person-00001", "sun", now=time.time() + 2, origin="net-1")


def test_the_room_size_turns_newcomers_away_but_not_those_inside(hall):
    store, lobby, pool, audience, room, seat, clock = hall
    room.set_rules(HOSTED, time.time(), room_size=2)
    for n in range(2):
        audience.guess(seat.game_id, f"person-{n:05d}", "dog", now=time.time(), origin=f"net-{n}")
    with pytest.raises(RoomFull):
        audience.guess(seat.game_id, "person-00002", "dog", now=time.time(), origin="net-9")
    audience.guess(seat.game_id, "person-00000", "sun", now=time.time() + 2, origin="net-0")
    with pytest.raises(BadRule):
        room.set_rules(HOSTED, time.time(), room_size=-1)


def test_approve_first_keeps_a_guess_off_public_views_until_approved_and_never_delays_a_win(hall):
    store, lobby, pool, audience, room, seat, clock = hall
    room.set_rules(HOSTED, time.time(), approve_first=True)
    out = audience.guess(seat.game_id, "person-00000", "dog", now=time.time(), origin="net-1")
    assert out.waiting and not out.won
    game = store.get_game(seat.game_id)
    rows = store.game_guesses(seat.game_id)
    names = ("cat", "kitty")
    assert [r["text"] for r in shown_guesses(rows, game, ANYONE, names, "moderate")] == []
    assert [r["text"] for r in shown_guesses(rows, game, Viewer(DRAWER), names, "moderate")] == []
    assert [r["text"] for r in shown_guesses(rows, game, Viewer("person-00000"), names, "moderate")] == ["dog"]
    assert [r["text"] for r in shown_guesses(rows, game, HOST, names, "moderate")] == ["dog"]
    [pending] = store.pending_guesses()
    assert room.approve(HOSTED, pending["id"], True, time.time())
    rows = store.game_guesses(seat.game_id)
    assert [r["text"] for r in shown_guesses(rows, game, ANYONE, names, "moderate")] == ["dog"]
    won = audience.guess(seat.game_id, "person-00001", "kitty", now=time.time(), origin="net-2")
    assert won.won and store.get_game(seat.game_id)["winner"] == "Sam", "a right guess wins at once, unapproved"


def test_a_hidden_guess_leaves_every_public_view_and_the_host_still_sees_it(hall):
    store, lobby, pool, audience, room, seat, clock = hall
    audience.guess(seat.game_id, "person-00000", "dog", now=time.time(), origin="net-1")
    [row] = people_rows(store, seat.game_id)
    assert room.hide_guess(HOSTED, row["id"], True, time.time())
    game = store.get_game(seat.game_id)
    rows = store.game_guesses(seat.game_id)
    for viewer in (ANYONE, Viewer(DRAWER), Viewer("person-00000")):
        assert shown_guesses(rows, game, viewer, ("cat",), "moderate") == []
    assert len(shown_guesses(rows, game, HOST, ("cat",), "moderate")) == 1


def test_a_game_the_host_hides_leaves_the_public_lists_and_waits_for_an_admin(hall):
    store, lobby, pool, audience, room, seat, clock = hall
    assert [g["id"] for g in store.running_public_games()] == [seat.game_id]
    assert room.hide_game(HOSTED, seat.game_id, time.time())
    assert store.running_public_games() == []
    [pending] = store.pending_games()
    assert pending["id"] == seat.game_id and "hidden by host" in pending["review_note"]


def test_generated_nicknames_are_required_only_when_the_host_says_so(hall):
    store, lobby, pool, audience, room, seat, clock = hall
    room.set_rules(HOSTED, time.time(), generated_names=True)
    with pytest.raises(NeedNickname):
        audience.guess(seat.game_id, "person-00000", "dog", now=time.time(), origin="net-1")
    with pytest.raises(BadNickname):
        room.set_nickname("person-00000", "Maya", time.time())
    name = room.suggest(random.Random(4))
    assert is_generated(name)
    room.set_nickname("person-00000", name, time.time())
    audience.guess(seat.game_id, "person-00000", "dog", now=time.time(), origin="net-1")


def test_every_host_action_is_audited_with_who_did_what_to_whom(hall):
    store, lobby, pool, audience, room, seat, clock = hall
    audience.guess(seat.game_id, "person-00000", "dog", now=time.time(), origin="net-1")
    [row] = people_rows(store, seat.game_id)
    room.set_rules(HOSTED, time.time(), approve_first=True, code="ABCDE")
    room.set_standing(HOSTED, "person-00000", "removed", time.time())
    room.hide_guess(HOSTED, row["id"], True, time.time())
    room.hide_game(HOSTED, seat.game_id, time.time())
    log = store.audit_log()
    assert {r["actor"] for r in log} == {HOSTED}
    assert [r["action"] for r in reversed(log)] == ["rules", "remove", "hide guess", "hide game"]
    assert "approve_first=1" in log[-1]["detail"] and "code=ABCDE" in log[-1]["detail"]
    assert log[2]["target"] == "player person-00000" and log[2]["detail"] == "Maya"


def test_another_process_reads_the_same_rules_and_standings(hall, tmp_path, backend_url):
    store, lobby, pool, audience, room, seat, clock = hall
    other = Room(Store(tmp_path / "test.db", database_url=backend_url), secret=b"k" * 32, clock=clock)
    try:
        assert other.rules(time.time()).event_id == room.rules(time.time()).event_id
        room.set_rules(HOSTED, time.time(), code="ABCDE", room_size=5)
        fresh(clock)
        assert (other.rules(time.time()).code, other.rules(time.time()).room_size) == ("ABCDE", 5)
        other.enter("person-00003", "net-3", "ABCDE", time.time())
        room.set_standing(HOSTED, "person-00003", "removed", time.time())
        assert other.standing("person-00003", "net-3", time.time()) == "removed"
    finally:
        other.store.shutdown()


def test_one_address_is_capped_across_identities_while_each_person_keeps_one_a_second(hall):
    store, lobby, pool, audience, room, seat, clock = hall
    audience = Audience(store, lobby, pool, AudienceSettings(gap_s=1.0, per_address=3), room=room)
    t = time.time()
    for n in range(3):
        audience.guess(seat.game_id, f"person-{n:05d}", "dog", now=t + 0.1 * n, origin="shared-net")
    with pytest.raises(AddressSlowDown):
        audience.guess(seat.game_id, "person-00003", "dog", now=t + 0.5, origin="shared-net")
    audience.guess(seat.game_id, "person-00003", "dog", now=t + 0.5, origin="other-net")
    with pytest.raises(SlowDown):
        audience.guess(seat.game_id, "person-00003", "sun", now=t + 0.9, origin="other-net")
    audience.guess(seat.game_id, "person-00000", "sun", now=t + 11, origin="shared-net"), "the window moves on"


def test_a_host_code_signs_a_co_host_in_under_the_same_brake(db_store):
    room = Room(db_store, secret=b"k" * 32)
    gate = AdminGate(db_store, b"k" * 32, free_tries=2)
    assert not gate.attempt("198.51.100.1", "cohost-123", "", 100.0, host_code=room.host_code_ok).ok
    room.set_host_code("admin@000000", "cohost-123", 101.0)
    assert gate.attempt("198.51.100.1", "cohost-123", "", 102.0, host_code=room.host_code_ok).role == "host"
    assert gate.attempt("198.51.100.1", "admin-pass", "admin-pass", 103.0, host_code=room.host_code_ok).role == "admin"
    for t in (104.0, 105.0):
        assert not gate.attempt("198.51.100.1", "nope", "admin-pass", t, host_code=room.host_code_ok).ok
    paused = gate.attempt("198.51.100.1", "cohost-123", "admin-pass", 106.0, host_code=room.host_code_ok)
    assert not paused.ok and not paused.heard
    assert "cohost-123" not in str(db_store.current_event(0))
    with pytest.raises(BadRule):
        room.set_host_code("admin@000000", "short", 107.0)


def test_a_host_token_is_ours_and_expires():
    secret = b"s" * 32
    token = host_token(secret, now=1000.0, ttl=60)
    assert is_host_token(token, secret, now=1059.0)
    assert not is_host_token(token, secret, now=1061.0)
    assert not is_host_token(token, b"t" * 32, now=1000.0)
    assert not is_host_token(token[:-1] + ("0" if token[-1] != "0" else "1"), secret, now=1000.0)
    assert not is_host_token("h99999999999." + "0" * 32, secret, now=1000.0)
    assert not is_host_token(None, secret, now=1000.0)
