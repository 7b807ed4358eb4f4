"""Admin: review declined drawings and written words, put an event word list in use, export the data."""
from __future__ import annotations

import time

import streamlit as st

from core.export import EXPORTABLE, database_zip, table_csv
from core.nicknames import as_markdown_text
from core.resources import client_address, get_engine, page_style
from core.uploads import UploadRefused
from core.wordbook import LIST_LIMITS, BadWordList, read_list_file, unknown_words
from core.words import WordsFileError

st.set_page_config(page_title="Pictionary Arena: admin", page_icon="🔐", layout="wide")
page_style()
engine = get_engine()
st.title("🔐 Admin")

if not engine.settings.ADMIN_PASSWORD:
    st.info("The admin views are off. Set `ADMIN_PASSWORD` in `.streamlit/secrets.toml` "
            "(or the environment) and restart the app to turn them on.")
    st.stop()
if not st.session_state.get("admin"):
    address = client_address()
    with st.form("login"):
        given = st.text_input("Admin password", type="password")
        if st.form_submit_button("Sign in"):
            outcome = engine.admin_gate.attempt(address, given, engine.settings.ADMIN_PASSWORD, time.time())
            if outcome.ok:
                st.session_state.admin = True
                st.session_state.host_role = "admin"
                st.rerun()
            elif not outcome.heard:
                st.warning(f"Too many wrong passwords from your address: sign-in is paused. "
                           f"Try again in {outcome.wait_s:.0f} s.")
            elif outcome.wait_s:
                st.error(f"That password is not right. After several wrong ones, sign-in from your address "
                         f"pauses: try again in {outcome.wait_s:.0f} s.")
            else:
                st.error("That password is not right.")
    st.stop()

st.header("Drawings waiting for review")
pending = engine.store.pending_games()
if not pending:
    st.success("Nothing to review.")
for game in pending:
    with st.container(border=True):
        left, right = st.columns([1, 2])
        gif = engine.store.get_replay(game["id"])
        frame = engine.store.latest_frame(game["id"])
        if gif or frame:
            left.image(gif or frame["png"], width=240, alt=f"The declined drawing of {game['word']}")
        with right:
            st.markdown(f"**{as_markdown_text(game['word'])}** · game `{game['id']}` · "
                        f"{game['refusals'] or 0} refusal(s) · player "
                        f"{as_markdown_text(game['player_name'] or 'anonymous')}")
            if game.get("review_note"):
                st.caption(f"Why: {as_markdown_text(game['review_note'])}")
            for g in engine.store.game_guesses(game["id"]):
                if g["refused"]:
                    st.caption(f"{as_markdown_text(g['guesser'])}: {as_markdown_text(g['error'] or 'refused')}")
            a, b = st.columns(2)
            if a.button("Approve: show it again", key=f"approve-{game['id']}"):
                engine.store.moderate(game["id"], approve=True)
                st.rerun()
            if b.button("Keep it hidden", key=f"reject-{game['id']}"):
                engine.store.moderate(game["id"], approve=False)
                st.rerun()

st.header("Words written in drawings")
st.caption(f"Written-word checks are {engine.writing.status}.")
written = engine.store.written_games()
if not written:
    st.success("No game has its word written in the drawing.")
for game in written:
    with st.container(border=True):
        left, right = st.columns([1, 2])
        png = engine.store.frame_png(game["id"], game["wrote_word_frame"]) if game["wrote_word_frame"] else None
        if png:
            left.image(png, width=240, caption=f"frame {game['wrote_word_frame']}",
                       alt=f"The drawing of {game['word']} with the word written in it")
        with right:
            verdict = {"confirmed": "confirmed", "cleared": "cleared: a false alarm"}.get(
                game["wrote_word_review"] or "", "waiting for review")
            st.markdown(f"**{as_markdown_text(game['word'])}** · game `{game['id']}` · read "
                        f"“{as_markdown_text(game['wrote_word_text'] or '')}” · {verdict} · player "
                        f"{as_markdown_text(game['player_name'] or 'anonymous')}")
            a, b = st.columns(2)
            if a.button("Confirm: the word is written", key=f"confirm-{game['id']}",
                        disabled=game["wrote_word_review"] == "confirmed"):
                engine.store.review_written(game["id"], confirm=True)
                st.rerun()
            if b.button("Clear: a false alarm", key=f"clear-{game['id']}",
                        disabled=game["wrote_word_review"] == "cleared"):
                engine.store.review_written(game["id"], confirm=False)
                st.rerun()

st.header("Word lists")
SCOPES = {"all": "for every game", "room": "for the room's games only (players who came from presenter mode's QR code)"}
in_use = engine.store.active_word_list()
st.markdown(f"In use: **{as_markdown_text(in_use['name'])}** {SCOPES[in_use['active']]}, words.txt for the others."
            if in_use else f"In use: **words.txt** ({len(engine.book.default.words)} words) for every game.")
if msg := st.session_state.pop("list-message", None):
    st.success(msg)
with st.form("add-list", clear_on_submit=True):
    st.caption("An event's own words, in the words.txt format: one word a line, aliases after `|`, "
               "`# pack: NAME` lines for packs, `#` comments. Checked exactly like words.txt.")
    list_name = st.text_input("Name", max_chars=60, placeholder="PyCon 2026")
    pasted = st.text_area("Paste the words", height=160, placeholder="keynote\nbadge | lanyard\ncoffee")
    upload = st.file_uploader(f"...or upload a text file ({LIST_LIMITS.describe()})", type=["txt", "gz"])
    if st.form_submit_button("Add the list"):
        try:
            text = read_list_file(upload.getvalue(), upload.name) if upload is not None else pasted
            list_id, unknown = engine.book.add_event_list(list_name, text, time.time())
            st.session_state["list-message"] = (
                f"Added “{list_name.strip()}”. It is not in use yet: choose below who gets it."
                + (f" The offline model does not know {len(unknown)} of its words: it sits those games out "
                   "(the vision models still guess them)." if unknown else ""))
            st.rerun()
        except (WordsFileError, BadWordList) as exc:
            st.error(f"The list was not added: {exc}. Nothing else changed.")
        except UploadRefused as exc:
            st.error(f"The file was not read: {exc}. Nothing else changed.")
for row in engine.store.word_lists():
    with st.container(border=True):
        scope = f" · in use {SCOPES[row['active']]}" if row["active"] else ""
        st.markdown(f"**{as_markdown_text(row['name'])}**: {row['words']} words{scope}")
        if row["unknown"]:
            words = engine.book.get(f"event-{row['id']}").words
            st.caption("Unknown to the offline model (it sits these out): "
                       + as_markdown_text(", ".join(unknown_words(words, engine.book.known))))
        a, b, c = st.columns(3)
        if a.button("Use for everyone", key=f"use-all-{row['id']}", disabled=row["active"] == "all"):
            engine.book.use(row["id"], "all")
            st.rerun()
        if b.button("Use for the room only", key=f"use-room-{row['id']}", disabled=row["active"] == "room"):
            engine.book.use(row["id"], "room")
            st.rerun()
        if c.button("Delete", key=f"delete-list-{row['id']}", disabled=bool(row["active"]),
                    help="A list in use cannot be deleted: switch back first. Its games keep their words."):
            engine.store.delete_word_list(row["id"])
            st.rerun()
if in_use and st.button("Back to words.txt for every game", key="use-default"):
    engine.book.use(None)
    st.rerun()

st.header("What hosts and admins did")
if log_rows := engine.store.audit_log(100):
    st.dataframe([{"When (UTC)": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(r["at"])), "Who": r["actor"],
                   "Did": r["action"], "To": r["target"], "Detail": r["detail"]} for r in log_rows],
                 hide_index=True, width="stretch")
else:
    st.caption("Nothing yet: host actions (rules, removals, bans, approvals, hidden guesses and games) show here.")

st.header("Data export")
st.caption("CSV of each table (images as base64), or the whole database (SQLite: it opens in Datasette or the "
           "sqlite3 shell; the player-id key and the sign-in brake's records are left out).")
cols = [c for _ in range(0, len(EXPORTABLE) + 1, 4) for c in st.columns(4)]  # rows of four: labels stay whole
secrets = engine.settings.secret_values()
for col, table in zip(cols, EXPORTABLE):
    col.download_button(f"{table}.csv", lambda t=table: table_csv(engine.store, t, secrets),
                        file_name=f"pictionary-{table}.csv", mime="text/csv", key=f"export-{table}")
whole = cols[len(EXPORTABLE)]
if engine.store.copy_command is None:
    whole.download_button("database (.zip)", lambda: database_zip(engine.store), file_name="pictionary-db.zip",
                          mime="application/zip", key="export-db")
else:
    whole.caption(f"A copy of the PostgreSQL database: `{engine.store.copy_command}`")
