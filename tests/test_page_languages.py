"""The Streamlit pages speak the session's language: every page runs in all five, German reads as German, the
chooser switches and keeps it, and no page file holds a user-facing English sentence outside the catalogue."""
from __future__ import annotations

import ast
import re
import time

import pytest
from apptest import open_page
from seed import seed_games

from core.i18n import LANGUAGES, catalogue, fields, t
from core.settings import ROOT

PAGES = ["Home.py", "pages/1_Spectate.py", "pages/2_Leaderboard.py", "pages/3_Game.py", "pages/4_Stats.py",
         "pages/5_Eval.py", "pages/6_About.py", "pages/7_Admin.py", "pages/8_Host.py"]
FIRST_GAME = f"{1:012x}"  # seed_games' first game: won, with frames and guesses
STATES = {  # a page and its URL parameters, in the states a person sees
    "play": ("Home.py", {}),
    "spectate": ("pages/1_Spectate.py", {}),
    "presenter": ("pages/1_Spectate.py", {"present": "1"}),
    "one game": ("pages/1_Spectate.py", {"game": FIRST_GAME}),
    "leaderboard": ("pages/2_Leaderboard.py", {}),
    "game": ("pages/3_Game.py", {"game": FIRST_GAME}),
    "stats": ("pages/4_Stats.py", {}),
    "eval": ("pages/5_Eval.py", {}),
    "about": ("pages/6_About.py", {}),
    "admin": ("pages/7_Admin.py", {}),
    "host": ("pages/8_Host.py", {}),
}


@pytest.fixture
def seeded(streamlit_app):
    """A fresh engine with fourteen won games, an admin password and a public address."""
    engine = streamlit_app("square\ncircle\ntriangle\ncat\nhouse\ntree\n", ADMIN_PASSWORD="correct horse",
                           PUBLIC_URL="https://arena.example.com")
    seed_games(engine.store, now=time.time())
    return engine


def texts(at) -> str:
    """Everything the page wrote as text, labels included."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error"):
        parts += [e.value for e in getattr(at, kind)]
    parts += [e.label for e in (*at.button, *at.toggle, *at.text_input, *at.expander, *at.tabs)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.slow  # 45 page runs, about a minute
@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("state", list(STATES))
def test_every_page_runs_in_every_language(seeded, state, lang):
    script, query = STATES[state]
    at = open_page(script, lang=lang, **query)
    assert not at.exception, f"{state} in {lang}: {at.exception}"
    assert at.session_state["lang"] == lang


def test_a_page_opened_with_lang_de_reads_in_german(seeded):
    home = texts(open_page("Home.py", lang="de"))
    assert t("de", "home.playing_today") in home and "Heute spielen" in home
    assert "Playing today" not in home
    board = open_page("pages/2_Leaderboard.py", lang="de")
    assert board.title[0].value == "🏆 Bestenliste"
    assert {"Platz", "Spieler", "Sekunden"} <= set(board.dataframe[0].value.columns)
    game = open_page("pages/3_Game.py", lang="de", game=FIRST_GAME)
    assert "Das Wort war" in texts(game) and "Bild für Bild" in texts(game)
    evals = open_page("pages/5_Eval.py", lang="de")
    assert evals.title[0].value == "🧪 Auswertung" and t("de", "eval.none") in texts(evals)
    about = texts(open_page("pages/6_About.py", lang="de"))
    assert "Wie schwer ein Wort ist" in about and "How hard a word is" not in about


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_the_signed_in_admin_page_reads_in_its_language_in_every_section(seeded, lang):
    seeded.store.flag_written(FIRST_GAME, "cat", 1)
    seeded.store.audit(time.time(), "host@abcdef", "ban", "someone")
    seeded.book.add_event_list("Party", "cake\nballoon\n", time.time())
    at = open_page("pages/7_Admin.py", lang=lang)
    at.text_input[0].input("correct horse")
    at.button[0].click().run()
    assert not at.exception
    assert [h.value for h in at.header] == [t(lang, f"admin.{part}_header")
                                            for part in ("review", "written", "lists", "audit", "export")]
    assert list(at.dataframe[0].value.columns) == [t(lang, f"admin.col_{c}") for c in ("when", "who", "did", "to",
                                                                                         "detail")]
    shown = texts(at) + "\n" + "\n".join(e.label for e in (*at.text_area, *at.get("download_button")))
    assert t(lang, "admin.approve") in shown and t(lang, "admin.verdict_waiting") in shown
    english = {texts["en"] for key, texts in catalogue().items() if key.startswith("admin.")
               and not fields(texts["en"]) and texts["en"] != texts[lang]}
    assert not [line for line in shown.splitlines() if line.strip() in english]
    assert not [e for e in ("Written-word checks", "refusal(s)", "In use", " · game ", " · player ") if e in shown]


def test_the_eval_summary_is_titled_in_the_pages_language(seeded):
    now = time.time()
    run = seeded.store.create_eval_run({"created_at": now, "source": "test", "variants": "history", "guessers": "A",
                                        "drawings_planned": 1, "drawings_done": 1, "spend_usd": 0.0, "status": "done"})
    seeded.store.insert_eval_results([
        {"run_id": run, "drawing": "d1", "word": "cat", "guesser": "A", "model": "m", "variant": "history",
         "frame_index": i, "frames_total": 2, "fraction": (i + 1) / 2, "text": "cat", "correct": i, "created_at": now,
         "latency_ms": 100.0, "input_tokens": None, "output_tokens": None, "cost_usd": None, "error": None}
        for i in (0, 1)])
    columns = {lang: list(open_page("pages/5_Eval.py", lang=lang).dataframe[0].value.columns) for lang in ("en", "de")}
    assert columns["en"][:5] == ["Guesser", "Variant", "Drawings", "Drawings named", "Accuracy"]
    assert columns["de"] == ["Rater", "Variante", "Zeichnungen", "Erkannte Zeichnungen", "Trefferquote",
                             "Gezeigte Striche beim ersten Treffer", "Gesamtkosten", "Kosten pro erkannter Zeichnung"]


def test_the_chooser_switches_the_language_and_the_session_keeps_it(seeded):
    at = open_page("pages/2_Leaderboard.py")
    assert at.title[0].value == "🏆 Leaderboard"
    at.sidebar.selectbox(key="pick-language").set_value("fr").run()
    assert at.title[0].value == "🏆 Classement" and at.query_params["lang"] == "fr"
    del at.query_params["lang"]  # another page of the app, opened without ?lang: the session's language stays
    at.switch_page("pages/6_About.py").run()
    assert at.title[0].value == t("fr", "about.title")


LABELLED = {"title", "header", "subheader", "markdown", "caption", "write", "info", "success", "warning", "error",
            "toast", "button", "form_submit_button", "link_button", "download_button", "page_link", "text_input",
            "number_input", "toggle", "checkbox", "selectbox", "radio", "slider", "segmented_control", "expander",
            "tabs", "set_page_config", "image", "text_area", "multiselect"}
WORDS_KWARGS = {"label", "help", "caption", "page_title", "placeholder", "alt", "empty", "cap_text", "display_text"}
SENTENCE = re.compile(r"[A-Za-z]{2,}[ ,:;.!?]+[A-Za-z]{2,}")
WORD = re.compile(r"[A-Za-z]{3,}")  # "ms", "QR", "s" are units and names, the same in every language
MARKUP = re.compile(r":[a-z]+\[")  # Markdown colour directives (":gray[")
OPTION_VALUES = {"All time", "This week", "Today"}  # core.leaderboard.PERIODS: values, shown through the catalogue


def english_on_show(path) -> list[str]:
    """String literals a page shows a person: labels and messages given to st.* calls, and any literal with two
    words in a row outside docstrings, comments and the catalogue's keys."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    shown: list[str] = []

    def literals(node) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.JoinedStr):
            return [v.value for v in node.values if isinstance(v, ast.Constant)]
        return []

    keys = {id(k) for n in ast.walk(tree) if isinstance(n, ast.Dict) for k in n.keys}  # column names: data
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in LABELLED:
            given = [*node.args[:1], *(k.value for k in node.keywords if k.arg in WORDS_KWARGS)]
            shown += [s for arg in given for s in literals(arg) if WORD.search(MARKUP.sub("", s))
                      and not s.endswith((".py", ".csv"))]  # file names
        elif isinstance(node, (ast.Constant, ast.JoinedStr)) and id(node) not in docstrings | keys:
            shown += [s for s in literals(node) if SENTENCE.search(s) and "." not in s.split()[0]  # keys, files
                      and not s.startswith("/")
                      and s not in OPTION_VALUES]
    return sorted(set(shown))


@pytest.mark.parametrize("script", PAGES)
def test_no_page_shows_english_outside_the_catalogue(script):
    assert english_on_show(ROOT / script) == []
