"""Spectate, Leaderboard, Game, About and Admin under AppTest, on a seeded database."""
from __future__ import annotations

import json
import random
import time

import pytest
from apptest import open_page
from seed import seed_games

from core.identity import new_player_token, player_from_token
from core.nicknames import as_markdown_text

HIDDEN = f"{15:012x}"  # seed_games' hidden game: the fastest, but refused


@pytest.fixture
def app_env(streamlit_app):
    """A fresh engine: six words, an admin password and a public address."""
    return streamlit_app("square\ncircle\ntriangle\ncat\nhouse\ntree\n", ADMIN_PASSWORD="correct horse",
                         PUBLIC_URL="https://arena.example.com")


page = open_page


def all_text(at) -> str:
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "error", "code"):
        parts += [e.value for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def board_ids(at, table: int = 0) -> list[str]:
    return [url.split("game=")[1] for url in at.dataframe[table].value["Game"]]


def test_leaderboard_orders_by_time_with_ties_to_the_earlier_game(app_env):
    ids = seed_games(app_env.store, now=time.time())
    at = page("pages/2_Leaderboard.py")
    assert not at.exception
    frame = at.dataframe[0].value
    assert list(frame["Rank"]) == list(range(1, 11))
    assert list(frame["Seconds"]) == sorted(frame["Seconds"])
    assert board_ids(at)[3:5] == [ids[3], ids[4]], "the 5 s tie goes to the game that started first"
    assert HIDDEN not in board_ids(at)


def test_leaderboard_shows_the_viewers_rank_outside_the_top_ten(app_env):
    token = new_player_token(app_env.player_secret, random.Random(4))
    viewer = player_from_token(token, app_env.player_secret)
    seed_games(app_env.store, now=time.time(), viewer=viewer, viewer_rank_from=12)
    at = page("pages/2_Leaderboard.py", player=token)
    assert "Your best: rank 13 of 14" in all_text(at)
    mine = at.dataframe[1].value
    assert list(mine["Rank"]) == [11, 12, 13, 14]
    assert mine["Player"].iloc[2].endswith("(you)")


def test_leaderboard_filters_by_word_and_says_when_empty(app_env):
    seed_games(app_env.store, now=time.time())
    at = page("pages/2_Leaderboard.py")
    at.selectbox(key="word").select("circle").run()
    assert set(at.dataframe[0].value["Word"]) == {"circle"}
    at.segmented_control(key="period").set_value("Today").run()
    empty_or_today = at.dataframe[0].value if at.dataframe else None
    assert empty_or_today is None or set(empty_or_today["Word"]) == {"circle"}


def test_empty_leaderboard_invites_to_play(app_env):
    at = page("pages/2_Leaderboard.py")
    assert not at.exception and "No won games here yet" in at.info[0].value


def test_game_page_replays_frames_with_their_guesses(app_env):
    ids = seed_games(app_env.store, now=time.time())
    at = page("pages/3_Game.py", game=ids[1])
    assert not at.exception
    assert "got it in 3\\.0 s" in at.title[0].value
    assert "Guesses at this frame" in all_text(at) and "circle" in all_text(at)
    at.slider(key="frame").set_value(1).run()
    assert "No model answered on this frame." in all_text(at)
    assert at.get("download_button")[0].proto.label == "Download the GIF"
    assert f"https://arena.example.com/share/{ids[1]}" in all_text(at), "the share tab links the unfurling address"


def test_game_page_shows_which_frames_each_guesser_saw(app_env):
    ids = seed_games(app_env.store, now=time.time())
    at = page("pages/3_Game.py", game=ids[1])
    table = at.dataframe[0].value.set_index("Guesser")
    rows = app_env.store.game_guesses(ids[1])
    for guesser in {r["guesser"] for r in rows}:
        seen = [str(r["frame_seq"]) for r in rows if r["guesser"] == guesser]
        assert table.loc[guesser, "Frames seen"] == ", ".join(seen)
        assert table.loc[guesser, "Guesses"] == len(seen)


@pytest.mark.parametrize("game", [None, "", "nope", "'; drop table games; --", "0123456789ab", HIDDEN])
def test_game_page_of_a_missing_malformed_or_hidden_game_is_friendly(app_env, game):
    seed_games(app_env.store, now=time.time())
    at = page("pages/3_Game.py", **({"game": game} if game is not None else {}))
    assert not at.exception and "could not find that game" in at.info[0].value
    assert app_env.store.get_game(HIDDEN) is not None, "nothing stored was touched"


@pytest.mark.parametrize("present", ["1", "true", "yes"])
def test_presenter_mode_shows_the_address_and_a_qr_code(app_env, present):
    at = page("pages/1_Spectate.py", present=present)
    assert not at.exception
    assert as_markdown_text("https://arena.example.com") in all_text(at)
    assert at.get("image"), "the QR code is an image"


@pytest.mark.parametrize("present", ["0", "", "<script>", "2", "x" * 300])
def test_garbage_present_values_show_the_normal_page(app_env, present):
    at = page("pages/1_Spectate.py", present=present)
    assert not at.exception and at.title[0].value == "👀 Spectate"


def test_about_shows_the_exact_prompt_storage_and_credit(app_env):
    from core.guessers.prompt import build_prompt
    at = page("pages/6_About.py")
    text = all_text(at)
    assert build_prompt([]) in text and build_prompt(["dog", "house"]) in text
    assert "deleted" in text and "90 days" in text
    assert "Quick, Draw!" in text and "Creative Commons Attribution 4.0" in text


def test_admin_is_off_without_a_password(streamlit_app):
    streamlit_app()
    at = page("pages/7_Admin.py")
    assert "admin views are off" in at.info[0].value


def test_admin_needs_the_right_password_then_approves_a_hidden_game(app_env):
    seed_games(app_env.store, now=time.time())
    at = page("pages/7_Admin.py")
    at.text_input[0].input("wrong")
    at.button[0].click().run()
    assert "not right" in at.error[0].value
    at.text_input[0].input("correct horse")
    at.button[0].click().run()
    assert "Drawings waiting for review" in all_text(at) and HIDDEN in all_text(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["games.csv", "guesses.csv", "frames.csv", "players.csv", "word_lists.csv", "eval_runs.csv",
                      "eval_results.csv", "events.csv", "room_people.csv", "audit_log.csv", "database (.zip)"]
    at.button(key=f"approve-{HIDDEN}").click().run()
    assert app_env.store.get_game(HIDDEN)["hidden"] == 0
    assert app_env.store.leaderboard()[0]["id"] == HIDDEN


def test_stats_page_on_an_empty_database_shows_a_helpful_empty_state(app_env):
    at = page("pages/4_Stats.py")
    assert not at.exception
    assert "No finished game with guesses in this period yet" in at.info[0].value


def test_stats_page_on_a_seeded_database_shows_the_summary_and_every_chart(app_env):
    seed_games(app_env.store, now=time.time())
    at = page("pages/4_Stats.py")
    assert not at.exception
    at.segmented_control(key="period").set_value("All time").run()
    summary = at.dataframe[0].value
    assert set(summary["Guesser"]) == {"Sketch CNN (offline)", "GPT"}
    assert not [c for c in summary.columns if "_" in c], "column titles are words, not internal names"
    sketch = summary.set_index("Guesser").loc["Sketch CNN (offline)"]
    assert sketch["Games"] == 14 and sketch["Wins"] == 7  # it won the 7 seeded games it is named winner of
    assert sketch["Win rate, 95% interval"] == "0.27–0.73"
    charts = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(charts) == 5, "win rate, time to win, latency, spend, heatmap"
    assert any("No head-to-head rating yet" in c.value for c in at.caption), \
        "no race between two guessers here: the rating is said in words, not drawn as an empty chart"
    titles = [c["title"]["text"] if isinstance(c.get("title"), dict) else c.get("title") for c in charts]
    assert all(titles), titles


def test_eval_page_lists_no_runs_then_asks_for_a_file(app_env):
    at = page("pages/5_Eval.py")
    assert not at.exception and "No eval has run yet." in [i.value for i in at.info]


def test_the_room_arrives_marked_and_can_take_a_turn_drawing(app_env):
    from core.share import room_url
    assert room_url("https://arena.example.com/") == "https://arena.example.com/room", "the light page (core/join.py)"
    assert room_url("https://arena.example.com", "ABCDE") == "https://arena.example.com/room?code=ABCDE"
    at = page("pages/1_Spectate.py", room="1")
    assert not at.exception and at.session_state["room"] is True
    links = [e for e in at.get("page_link") if "Take a turn drawing" in e.proto.label]
    assert links and "room=1" in links[0].proto.query_string
    assert not [e for e in page("pages/1_Spectate.py").get("page_link") if "Take a turn" in e.proto.label]


def signed_in_admin():
    at = page("pages/7_Admin.py")
    at.text_input[0].input("correct horse")
    at.button[0].click().run()
    return at


def add_list(at, name: str, words: str):
    next(t for t in at.text_input if t.label == "Name").input(name)
    next(t for t in at.text_area if t.label == "Paste the words").input(words)
    next(b for b in at.button if b.label == "Add the list").click()
    return at.run()


def test_an_event_list_with_a_bad_line_is_refused_with_its_line_and_nothing_changes(app_env):
    at = add_list(signed_in_admin(), "Party", "cake\nballoon\n\ncake | gateau\n")
    assert not at.exception
    assert "Party:4" in at.error[0].value and "duplicates line 1" in at.error[0].value
    assert app_env.store.word_lists() == [] and app_env.store.active_word_list() is None


def test_an_event_list_is_added_listed_put_in_use_and_switched_back(app_env):
    at = add_list(signed_in_admin(), "Conference", "# pack: tech\nkeynote\nlanyard\nlaptop\n")
    added = next(m.value for m in at.success if "Added" in m.value)
    assert not at.exception and "Added “Conference”" in added and "does not know 2 of its words" in added
    [row] = app_env.store.word_lists()
    assert "Unknown to the offline model (it sits these out): keynote, lanyard" in all_text(at)
    at.button(key=f"use-room-{row['id']}").click().run()
    assert app_env.store.active_word_list()["active"] == "room"
    assert "for the room's games only" in all_text(at)
    assert at.button(key=f"delete-list-{row['id']}").proto.disabled, "a list in use cannot be deleted"
    at.button(key="use-default").click().run()
    assert app_env.store.active_word_list() is None and "In use: **words.txt**" in all_text(at)
    at.button(key=f"delete-list-{row['id']}").click().run()
    assert app_env.store.word_lists() == []


def test_leaderboard_by_difficulty_ranks_only_games_of_that_level(app_env):
    ids = seed_games(app_env.store, now=time.time())
    hard = ids[5:8]  # slower games: on the whole board they rank 6th to 8th
    for game_id in ids[:8]:
        app_env.store.execute("UPDATE games SET difficulty = ? WHERE id = ?",
                              ["hard" if game_id in hard else "easy", game_id])
    at = page("pages/2_Leaderboard.py")
    assert set(at.dataframe[0].value["Difficulty"]) == {"Easy", "Hard", "—"}
    at.button_group(key="difficulty").set_value("hard").run()
    frame = at.dataframe[0].value
    assert board_ids(at) == hard and list(frame["Rank"]) == [1, 2, 3] and set(frame["Difficulty"]) == {"Hard"}


def test_about_explains_difficulty_and_lists_every_word_by_level(app_env):
    at = page("pages/6_About.py")
    assert not at.exception
    text = all_text(at)
    assert "How hard a word is" in text and "split the words in thirds" in text
    levels = {e.label.split(":")[0]: e for e in at.expander if e.label.split(":")[0] in ("Easy", "Medium", "Hard")}
    assert set(levels) == {"Easy", "Medium", "Hard"}
    listed = ", ".join(m.value for e in levels.values() for m in e.markdown)
    assert all(w in listed for w in ("square", "circle", "triangle", "cat", "house", "tree"))
    assert "house" in levels["Easy"].markdown[0].value  # the table's easiest third (ease 0.84)


def test_a_nickname_made_of_markdown_is_shown_as_text_on_every_page_that_names_the_winner(app_env):
    store = app_env.store
    hostile = "![](http://evil.example/a)"
    store.touch_player("markdown-0001", time.time())
    store.insert_game({"id": "00000000feed", "word": "cat", "player_id": "markdown-0001", "status": "won",
                       "started_at": time.time() - 20, "ended_at": time.time() - 10, "duration_s": 10.0,
                       "winner": hostile, "winner_human": 1, "game_seconds": 45, "hidden": 0})
    store.insert_frames([{"game_id": "00000000feed", "seq": 1, "created_at": time.time() - 15, "width": 64,
                          "height": 64, "png": __import__("conftest").frame_png(1)}])
    from core.moderation import after_game
    after_game(store, "00000000feed", time.time())
    for at in (page("Home.py"), page("pages/3_Game.py", game="00000000feed"), page("pages/2_Leaderboard.py")):
        assert not at.exception
        shown = [str(e.value) for kind in ("title", "markdown", "caption") for e in getattr(at, kind)]
        shown += [str(img.proto) for img in at.get("image")]
        assert at.get("image") or "Leaderboard" in str(at.title[0].value), "the captions were read"
        assert all("![](" not in text and "](http" not in text for text in shown), shown
    board = page("pages/2_Leaderboard.py").dataframe[0].value
    assert list(board["Won by"]) == [f"👤 {hostile} (person)"], "a person's win is marked, and shown as typed"


def test_a_finished_german_game_reads_its_word_in_german_on_the_leaderboard_and_its_page(app_env):
    ids = seed_games(app_env.store, count=3, now=time.time())
    with app_env.store.transaction():
        app_env.store.execute("UPDATE games SET lang = 'de' WHERE id = ?", [ids[0]])  # seeded word: square
    board = page("pages/2_Leaderboard.py")
    words = dict(zip(board_ids(board), board.dataframe[0].value["Word"]))
    assert words[ids[0]] == "Quadrat" and words[ids[1]] == "circle", "each word as its own game said it"
    game = page("pages/3_Game.py", game=ids[0])
    assert not game.exception and "The word was **Quadrat**" in all_text(game)
