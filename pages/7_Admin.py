"""Admin: review declined drawings and written words, put an event word list in use, export the data."""
from __future__ import annotations

import time

import streamlit as st

from core.export import EXPORTABLE, database_zip, table_csv
from core.i18n import explain, t
from core.nicknames import as_markdown_text
from core.resources import client_address, current_language, get_engine, language_chooser, page_style
from core.uploads import UploadRefused
from core.wordbook import LIST_LIMITS, BadWordList, read_list_file, unknown_words
from core.words import WordsFileError

lang = current_language()
st.set_page_config(page_title=t(lang, "admin.page_title"), page_icon="🔐", layout="wide")
page_style()
language_chooser(lang)
engine = get_engine()
st.title(t(lang, "admin.title"))

if not engine.settings.ADMIN_PASSWORD:
    st.info(t(lang, "admin.off"))
    st.stop()
if not st.session_state.get("admin"):
    address = client_address()
    with st.form("login"):
        given = st.text_input(t(lang, "admin.password"), type="password")
        if st.form_submit_button(t(lang, "admin.sign_in")):
            outcome = engine.admin_gate.attempt(address, given, engine.settings.ADMIN_PASSWORD, time.time())
            if outcome.ok:
                st.session_state.admin = True
                st.session_state.host_role = "admin"
                st.rerun()
            elif not outcome.heard:
                st.warning(t(lang, "admin.paused", wait=f"{outcome.wait_s:.0f}"))
            elif outcome.wait_s:
                st.error(t(lang, "admin.wrong_wait", wait=f"{outcome.wait_s:.0f}"))
            else:
                st.error(t(lang, "admin.wrong"))
    st.stop()


def player(game: dict) -> str:
    """A game's player as Markdown text (anonymous when nobody gave a name)."""
    return as_markdown_text(game["player_name"] or t(lang, "admin.anonymous"))


st.header(t(lang, "admin.review_header"))
pending = engine.store.pending_games()
if not pending:
    st.success(t(lang, "admin.nothing_to_review"))
for game in pending:
    with st.container(border=True):
        left, right = st.columns([1, 2])
        gif = engine.store.get_replay(game["id"])
        frame = engine.store.latest_frame(game["id"])
        if gif or frame:
            left.image(gif or frame["png"], width=240, alt=t(lang, "admin.declined_alt", word=game["word"]))
        with right:
            st.markdown(t(lang, "admin.pending", word=as_markdown_text(game["word"]), game=game["id"],
                          refusals=game["refusals"] or 0, player=player(game)))
            if game.get("review_note"):
                st.caption(t(lang, "admin.why", note=as_markdown_text(game["review_note"])))
            for g in engine.store.game_guesses(game["id"]):
                if g["refused"]:
                    st.caption(f"{as_markdown_text(g['guesser'])}: "
                               f"{as_markdown_text(g['error'] or t(lang, 'admin.refused'))}")
            a, b = st.columns(2)
            if a.button(t(lang, "admin.approve"), key=f"approve-{game['id']}"):
                engine.store.moderate(game["id"], approve=True)
                st.rerun()
            if b.button(t(lang, "admin.keep_hidden"), key=f"reject-{game['id']}"):
                engine.store.moderate(game["id"], approve=False)
                st.rerun()

st.header(t(lang, "admin.written_header"))
check, _, why = engine.writing.status.partition(": ")  # "on", "on: READER", "off: WHY" (core.writing)
st.caption(t(lang, f"admin.writing_{check}" + ("_setting" if why.startswith("WRITTEN_WORD_CHECK") else
                                               "_detail" if why else ""), detail=why))
written = engine.store.written_games()
if not written:
    st.success(t(lang, "admin.no_written"))
for game in written:
    with st.container(border=True):
        left, right = st.columns([1, 2])
        png = engine.store.frame_png(game["id"], game["wrote_word_frame"]) if game["wrote_word_frame"] else None
        if png:
            left.image(png, width=240, caption=t(lang, "admin.frame", frame=game["wrote_word_frame"]),
                       alt=t(lang, "admin.written_alt", word=game["word"]))
        with right:
            review = game["wrote_word_review"] if game["wrote_word_review"] in ("confirmed", "cleared") else "waiting"
            st.markdown(t(lang, "admin.written", word=as_markdown_text(game["word"]), game=game["id"],
                          text=as_markdown_text(game["wrote_word_text"] or ""),
                          verdict=t(lang, f"admin.verdict_{review}"), player=player(game)))
            a, b = st.columns(2)
            if a.button(t(lang, "admin.confirm"), key=f"confirm-{game['id']}",
                        disabled=game["wrote_word_review"] == "confirmed"):
                engine.store.review_written(game["id"], confirm=True)
                st.rerun()
            if b.button(t(lang, "admin.clear"), key=f"clear-{game['id']}",
                        disabled=game["wrote_word_review"] == "cleared"):
                engine.store.review_written(game["id"], confirm=False)
                st.rerun()

st.header(t(lang, "admin.lists_header"))
SCOPES = {"all": t(lang, "admin.scope_all"), "room": t(lang, "admin.scope_room")}
in_use = engine.store.active_word_list()
st.markdown(t(lang, "admin.in_use_list", name=as_markdown_text(in_use["name"]), scope=SCOPES[in_use["active"]])
            if in_use else t(lang, "admin.in_use_default", count=len(engine.book.default.words)))
if msg := st.session_state.pop("list-message", None):
    st.success(msg)
with st.form("add-list", clear_on_submit=True):
    st.caption(t(lang, "admin.list_format"))
    list_name = st.text_input(t(lang, "admin.list_name"), max_chars=60, placeholder=t(lang, "admin.list_name_example"))
    pasted = st.text_area(t(lang, "admin.paste"), height=160, placeholder=t(lang, "admin.paste_example"))
    upload = st.file_uploader(t(lang, "admin.upload", **LIST_LIMITS.parts()), type=["txt", "gz"])
    if st.form_submit_button(t(lang, "admin.add")):
        try:
            text = read_list_file(upload.getvalue(), upload.name) if upload is not None else pasted
            list_id, unknown = engine.book.add_event_list(list_name, text, time.time())
            st.session_state["list-message"] = " ".join(
                [t(lang, "admin.added", name=list_name.strip())]
                + ([t(lang, "admin.added_unknown", count=len(unknown))] if unknown else []))
            st.rerun()
        except (WordsFileError, BadWordList) as exc:
            st.error(t(lang, "admin.not_added", error=explain(exc, lang)))
        except UploadRefused as exc:
            st.error(t(lang, "admin.not_read", error=explain(exc, lang)))
for row in engine.store.word_lists():
    with st.container(border=True):
        st.markdown(t(lang, "admin.list_row_in_use" if row["active"] else "admin.list_row",
                      name=as_markdown_text(row["name"]), count=row["words"], scope=SCOPES.get(row["active"], "")))
        if row["unknown"]:
            words = engine.book.get(f"event-{row['id']}").words
            st.caption(t(lang, "admin.unknown_words",
                         words=as_markdown_text(", ".join(unknown_words(words, engine.book.known)))))
        a, b, c = st.columns(3)
        if a.button(t(lang, "admin.use_all"), key=f"use-all-{row['id']}", disabled=row["active"] == "all"):
            engine.book.use(row["id"], "all")
            st.rerun()
        if b.button(t(lang, "admin.use_room"), key=f"use-room-{row['id']}", disabled=row["active"] == "room"):
            engine.book.use(row["id"], "room")
            st.rerun()
        if c.button(t(lang, "admin.delete"), key=f"delete-list-{row['id']}", disabled=bool(row["active"]),
                    help=t(lang, "admin.delete_help")):
            engine.store.delete_word_list(row["id"])
            st.rerun()
if in_use and st.button(t(lang, "admin.back_default"), key="use-default"):
    engine.book.use(None)
    st.rerun()

st.header(t(lang, "admin.audit_header"))
if log_rows := engine.store.audit_log(100):
    when, who, did, to, detail = (t(lang, f"admin.col_{c}") for c in ("when", "who", "did", "to", "detail"))
    st.dataframe([{when: time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(r["at"])), who: r["actor"],
                   did: r["action"], to: r["target"], detail: r["detail"]} for r in log_rows],
                 hide_index=True, width="stretch")
else:
    st.caption(t(lang, "admin.audit_none"))

st.header(t(lang, "admin.export_header"))
st.caption(t(lang, "admin.export_note"))
cols = [c for _ in range(0, len(EXPORTABLE) + 1, 4) for c in st.columns(4)]  # rows of four: labels stay whole
secrets = engine.settings.secret_values()
for col, table in zip(cols, EXPORTABLE):
    col.download_button(f"{table}.csv", lambda t=table: table_csv(engine.store, t, secrets),
                        file_name=f"pictionary-{table}.csv", mime="text/csv", key=f"export-{table}")
whole = cols[len(EXPORTABLE)]
if engine.store.copy_command is None:
    whole.download_button(t(lang, "admin.export_db"), lambda: database_zip(engine.store), file_name="pictionary-db.zip",
                          mime="application/zip", key="export-db")
else:
    whole.caption(t(lang, "admin.postgres_copy", command=engine.store.copy_command))
