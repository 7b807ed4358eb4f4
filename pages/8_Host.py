"""Host: run the room from a phone while the presenter screen runs: rules, approvals, people, guesses, games."""
from __future__ import annotations

import random
import time

import streamlit as st

from core.i18n import explain, t
from core.nicknames import as_markdown_text
from core.play import guesser_label
from core.resources import client_address, current_language, get_engine, host_role, language_chooser, page_style
from core.room import BadRule, new_code

lang = current_language()
st.set_page_config(page_title=t(lang, "host.page_title"), page_icon="🎤")
page_style()
language_chooser(lang)
engine = get_engine()
room = engine.room
st.title(t(lang, "host.title"))
address = client_address()

if not engine.settings.ADMIN_PASSWORD and not engine.store.current_event(time.time()).get("host_code"):
    st.info(t(lang, "host.off"))
    st.stop()
if not host_role():
    with st.form("host-login"):
        given = st.text_input(t(lang, "host.password"), type="password")
        if st.form_submit_button(t(lang, "host.sign_in")):
            outcome = engine.admin_gate.attempt(address, given, engine.settings.ADMIN_PASSWORD, time.time(),
                                                host_code=room.host_code_ok)
            if outcome.ok:
                st.session_state.host_role = outcome.role
                st.session_state.admin = outcome.role == "admin"
                st.rerun()
            st.error(t(lang, "host.wrong_wait", wait=outcome.wait_s) if outcome.wait_s else t(lang, "host.wrong"))
    st.stop()

actor = f"{host_role()}@{engine.origin(address)[:6]}"
rules = room.rules(time.time())
st.caption(t(lang, "host.event", name=as_markdown_text(rules.name), role=host_role()))


def act(done: bool, what: str) -> None:
    """Say what a button did (or that somebody else was first), then redraw."""
    st.session_state["host-said"] = what if done else t(lang, "host.already_done")
    st.rerun()


if said := st.session_state.pop("host-said", None):
    st.toast(said)
rules_tab, approve_tab, people_tab, guesses_tab = st.tabs(
    [t(lang, f"host.tab_{name}") for name in ("room", "approve", "people", "guesses")])

with rules_tab:
    st.markdown(t(lang, "host.code_is", code=as_markdown_text(rules.code)) if rules.code else t(lang, "host.no_code"))
    left, right = st.columns(2)
    if left.button(t(lang, "host.new_code" if rules.code else "host.require_code"), key="new-code"):
        room.set_rules(actor, time.time(), code=new_code(random.SystemRandom()))
        act(True, t(lang, "host.new_code_done"))
    if rules.code and right.button(t(lang, "host.drop_code"), key="no-code"):
        act(bool(room.set_rules(actor, time.time(), code=None)), t(lang, "host.drop_code_done"))
    with st.form("rules"):
        approve = st.toggle(t(lang, "host.approve_first"), value=rules.approve_first)
        generated = st.toggle(t(lang, "host.generated"), value=rules.generated_names)
        words = st.toggle(t(lang, "host.show_words"), value=rules.show_words)
        size = st.number_input(t(lang, "host.room_size"), min_value=0, max_value=100_000, value=rules.room_size)
        if st.form_submit_button(t(lang, "host.save_rules")):
            room.set_rules(actor, time.time(), approve_first=approve, generated_names=generated, show_words=words,
                           room_size=size)
            act(True, t(lang, "host.saved"))
    if host_role() == "admin":
        with st.form("host-code", clear_on_submit=True):
            code = st.text_input(t(lang, "host.host_code"), type="password")
            if st.form_submit_button(t(lang, "host.set_host_code")):
                try:
                    room.set_host_code(actor, code, time.time())
                    act(True, t(lang, "host.host_code_on" if code else "host.host_code_off"))
                except BadRule as exc:
                    st.error(explain(exc, lang))
    with st.expander(t(lang, "host.new_event")):
        name = st.text_input(t(lang, "host.event_name"), max_chars=60, key="event-name")
        if st.button(t(lang, "host.end_event"), key="new-event"):
            room.new_event(actor, name, time.time())
            act(True, t(lang, "host.new_event_done"))


@st.fragment(run_every=2)
def approvals() -> None:
    """People's guesses waiting to reach the big screen (judging never waits for this)."""
    pending = engine.store.pending_guesses()
    if not room.rules(time.time()).approve_first and not pending:
        st.caption(t(lang, "host.approve_off"))
    for g in pending:
        with st.container(border=True):
            st.markdown(t(lang, "host.pending", name=as_markdown_text(g["guesser"]),
                          text=as_markdown_text(g["text"] or ""), word=as_markdown_text(g["word"])))
            yes, no = st.columns(2)
            if yes.button(t(lang, "host.show_it"), key=f"approve-{g['id']}", type="primary"):
                act(room.approve(actor, g["id"], True, time.time()), t(lang, "host.shown"))
            if no.button(t(lang, "host.keep_off"), key=f"reject-{g['id']}"):
                act(room.approve(actor, g["id"], False, time.time()), t(lang, "host.kept_off"))
    if room.rules(time.time()).approve_first and not pending:
        st.success(t(lang, "host.nothing_waiting"))


@st.fragment(run_every=3)
def people() -> None:
    """Who is in the room; remove or ban a person, or let them back in."""
    everyone = room.people(time.time())
    if not everyone:
        st.caption(t(lang, "host.nobody"))
    for p in everyone:
        with st.container(border=True):
            shared = t(lang, "host.shared", count=p.shared) if p.shared else ""
            st.markdown(t(lang, "host.person", name=as_markdown_text(p.nickname), status=t(lang, f"host.status.{p.status}"),
                          guesses=p.guesses, minutes=max(0, time.time() - p.joined_at) / 60, shared=shared))
            a, b = st.columns(2)
            if p.status == "in":
                if a.button(t(lang, "host.remove"), key=f"remove-{p.player_id}"):
                    act(room.set_standing(actor, p.player_id, "removed", time.time()), t(lang, "host.removed"))
                if b.button(t(lang, "host.ban"), key=f"ban-{p.player_id}",
                            help=t(lang, "host.ban_help")):
                    act(room.set_standing(actor, p.player_id, "banned", time.time()), t(lang, "host.banned"))
            elif a.button(t(lang, "host.let_back"), key=f"back-{p.player_id}"):
                act(room.set_standing(actor, p.player_id, "in", time.time()), t(lang, "host.back_in"))


@st.fragment(run_every=3)
def guesses() -> None:
    """The newest guesses of running games: hide one from every public view; hide a game."""
    for g in engine.store.latest_guesses(30):
        hidden = bool(g["hidden"])
        left, right = st.columns([4, 1])
        left.markdown(f"{'~~' if hidden else ''}**{as_markdown_text(guesser_label(g['guesser'], bool(g['human']), lang))}**"
                      f": {as_markdown_text(g['text'] or t(lang, 'play.no_answer'))}{'~~' if hidden else ''}")
        if right.button(t(lang, "host.show" if hidden else "host.hide"), key=f"hide-{g['id']}"):
            act(room.hide_guess(actor, g["id"], not hidden, time.time()), t(lang, "host.done"))
    for game in engine.store.running_public_games():
        if st.button(t(lang, "host.hide_game", game=game["id"], word=as_markdown_text(game["word"])), key=f"hg-{game['id']}"):
            act(room.hide_game(actor, game["id"], time.time()), t(lang, "host.game_hidden"))


with approve_tab:
    approvals()
with people_tab:
    people()
with guesses_tab:
    guesses()
