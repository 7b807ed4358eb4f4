"""Host: run the room from a phone while the presenter screen runs: rules, approvals, people, guesses, games."""
from __future__ import annotations

import random
import time

import streamlit as st

from core.nicknames import as_markdown_text
from core.play import guesser_label
from core.resources import client_address, get_engine, host_role, page_style
from core.room import BadRule, new_code

st.set_page_config(page_title="Pictionary Arena: host", page_icon="🎤")
page_style()
engine = get_engine()
room = engine.room
st.title("🎤 Host")
address = client_address()

if not engine.settings.ADMIN_PASSWORD and not engine.store.current_event(time.time()).get("host_code"):
    st.info("The host view is off. Set `ADMIN_PASSWORD` in `.streamlit/secrets.toml` (or the environment) and "
            "restart the app; then sign in here, and set a host code for your co-hosts if you like.")
    st.stop()
if not host_role():
    with st.form("host-login"):
        given = st.text_input("Admin password or host code", type="password")
        if st.form_submit_button("Sign in"):
            outcome = engine.admin_gate.attempt(address, given, engine.settings.ADMIN_PASSWORD, time.time(),
                                                host_code=room.host_code_ok)
            if outcome.ok:
                st.session_state.host_role = outcome.role
                st.session_state.admin = outcome.role == "admin"
                st.rerun()
            st.error(f"That is not right. Try again in {outcome.wait_s:.0f} s." if outcome.wait_s
                     else "That is not right.")
    st.stop()

actor = f"{host_role()}@{engine.origin(address)[:6]}"
rules = room.rules(time.time())
st.caption(f"Event: **{as_markdown_text(rules.name)}** · signed in as {host_role()}")


def act(done: bool, what: str) -> None:
    """Say what a button did (or that somebody else was first), then redraw."""
    st.session_state["host-said"] = what if done else "Nothing changed: it was done already (another host?)."
    st.rerun()


if said := st.session_state.pop("host-said", None):
    st.toast(said)
rules_tab, approve_tab, people_tab, guesses_tab = st.tabs(["Room", "Approve", "People", "Guesses"])

with rules_tab:
    st.markdown(f"Event code: **{as_markdown_text(rules.code)}**" if rules.code else
                "No event code: anyone with the link may guess.")
    left, right = st.columns(2)
    if left.button("New event code" if rules.code else "Require an event code", key="new-code"):
        room.set_rules(actor, time.time(), code=new_code(random.SystemRandom()))
        act(True, "A new code is on the presenter screen. People already in the room stay in.")
    if rules.code and right.button("No code", key="no-code"):
        act(bool(room.set_rules(actor, time.time(), code=None)), "Anyone with the link may guess again.")
    with st.form("rules"):
        approve = st.toggle("Approve people's guesses before the big screen shows them", value=rules.approve_first)
        generated = st.toggle("Generated nicknames only (\"Kind Tiger\")", value=rules.generated_names)
        words = st.toggle("Show the words on the presenter screen (a host's screen only)", value=rules.show_words)
        size = st.number_input("Room size (0: no limit)", min_value=0, max_value=100_000, value=rules.room_size)
        if st.form_submit_button("Save the rules"):
            room.set_rules(actor, time.time(), approve_first=approve, generated_names=generated, show_words=words,
                           room_size=size)
            act(True, "Saved.")
    if host_role() == "admin":
        with st.form("host-code", clear_on_submit=True):
            code = st.text_input("Host code for co-hosts (at least 6 characters; empty turns it off)", type="password")
            if st.form_submit_button("Set the host code"):
                try:
                    room.set_host_code(actor, code, time.time())
                    act(True, "Co-hosts may sign in with it." if code else "Host codes are off.")
                except BadRule as exc:
                    st.error(str(exc))
    with st.expander("Start a new event"):
        name = st.text_input("Its name", max_chars=60, key="event-name")
        if st.button("End this event and start a new one", key="new-event"):
            room.new_event(actor, name, time.time())
            act(True, "A new event: its room is open, with no code, no bans, nobody in it yet.")


@st.fragment(run_every=2)
def approvals() -> None:
    """People's guesses waiting to reach the big screen (judging never waits for this)."""
    pending = engine.store.pending_guesses()
    if not room.rules(time.time()).approve_first and not pending:
        st.caption("Approve-first is off: people's guesses reach the big screen at once.")
    for g in pending:
        with st.container(border=True):
            st.markdown(f"**{as_markdown_text(g['guesser'])}**: {as_markdown_text(g['text'] or '')} "
                        f":gray[(word: {as_markdown_text(g['word'])})]")
            yes, no = st.columns(2)
            if yes.button("Show it", key=f"approve-{g['id']}", type="primary"):
                act(room.approve(actor, g["id"], True, time.time()), "Shown.")
            if no.button("Keep it off", key=f"reject-{g['id']}"):
                act(room.approve(actor, g["id"], False, time.time()), "Kept off the big screen.")
    if room.rules(time.time()).approve_first and not pending:
        st.success("Nothing waiting.")


@st.fragment(run_every=3)
def people() -> None:
    """Who is in the room; remove or ban a person, or let them back in."""
    everyone = room.people(time.time())
    if not everyone:
        st.caption("Nobody has come into the room yet.")
    for p in everyone:
        with st.container(border=True):
            shared = f" · ⚠️ {p.shared} more on the same network" if p.shared else ""
            st.markdown(f"**{as_markdown_text(p.nickname)}** · {p.status} · {p.guesses} guesses · joined "
                        f"{max(0, time.time() - p.joined_at) / 60:.0f} min ago{shared}")
            a, b = st.columns(2)
            if p.status == "in":
                if a.button("Remove", key=f"remove-{p.player_id}"):
                    act(room.set_standing(actor, p.player_id, "removed", time.time()), "Removed.")
                if b.button("Ban for the event", key=f"ban-{p.player_id}",
                            help="Also keeps out new nicknames from the same network: everyone behind it."):
                    act(room.set_standing(actor, p.player_id, "banned", time.time()), "Banned for the event.")
            elif a.button("Let back in", key=f"back-{p.player_id}"):
                act(room.set_standing(actor, p.player_id, "in", time.time()), "Back in.")


@st.fragment(run_every=3)
def guesses() -> None:
    """The newest guesses of running games: hide one from every public view; hide a game."""
    for g in engine.store.latest_guesses(30):
        hidden = bool(g["hidden"])
        left, right = st.columns([4, 1])
        left.markdown(f"{'~~' if hidden else ''}**{as_markdown_text(guesser_label(g['guesser'], bool(g['human'])))}**"
                      f": {as_markdown_text(g['text'] or '(no answer)')}{'~~' if hidden else ''}")
        if right.button("Show" if hidden else "Hide", key=f"hide-{g['id']}"):
            act(room.hide_guess(actor, g["id"], not hidden, time.time()), "Done.")
    for game in engine.store.running_public_games():
        if st.button(f"Hide game {game['id']} ({as_markdown_text(game['word'])}) for review", key=f"hg-{game['id']}"):
            act(room.hide_game(actor, game["id"], time.time()), "The game is off every public view.")


with approve_tab:
    approvals()
with people_tab:
    people()
with guesses_tab:
    guesses()
