"""Word packs, measured difficulty, a player's choice of words, and event lists kept in the database."""
from __future__ import annotations

import random

import pytest
from conftest import wait_for

from core.difficulty import (
    Cuts,
    DifficultyTable,
    DifficultyTableError,
    UnknownLevel,
    blended,
    check_level,
    ease,
    format_table,
    level_of,
    load_table,
    parse_table,
    play_ease,
    thirds,
)
from core.lobby import Lobby, LobbySettings
from core.pool import GuesserPool
from core.recorder import Recorder
from core.settings import ROOT
from core.wordbook import BadWordList, Choice, UnknownPack, WordBook, check_choice
from core.words import NoWordsLeft, WordsFileError, in_pack, load_words, pack_names, parse_words

PACKED = """# a list with packs
sun
# pack: animals, kids
cat | kitty
dog
# pack: animals
shark
# Pack: Food   # trailing comment
apple
pear
"""


@pytest.mark.parametrize("word, packs", [
    ("sun", ()),
    ("cat", ("animals", "kids")),
    ("dog", ("animals", "kids")),
    ("shark", ("animals",)),
    ("apple", ("food",)),
    ("pear", ("food",)),
])
def test_a_pack_line_puts_the_words_under_it_in_its_packs(word, packs):
    words = {w.text: w for w in parse_words(PACKED)}
    assert words[word].packs == packs
    assert words["cat"].aliases == ("kitty",)


def test_packs_are_listed_in_file_order_and_filter_words():
    words = parse_words(PACKED)
    assert pack_names(words) == ["animals", "kids", "food"]
    assert [w.text for w in in_pack(words, "kids")] == ["cat", "dog"]
    assert len(in_pack(words, None)) == 6


@pytest.mark.parametrize("text, line, what", [
    ("cat\n# pack:\ndog\n", 2, "needs a name"),
    ("cat\n# pack: , \ndog\n", 2, "needs a name"),
    ("# pack: Wild Animals\ncat\n", 1, "lower-case letters"),
    ("# pack: animals!\ncat\n", 1, "lower-case letters"),
    ("# pack: " + "a" * 31 + "\ncat\n", 1, "lower-case letters"),
    ("# pack: any\ncat\n", 1, "cannot be a pack name"),
    ("# pack: food, food\ncat\n", 1, "named twice"),
    ("cat\n# pack: food\n# pack: animals\ndog\n", 2, "no words under it"),
    ("cat\n# pack: food\n\n# just a comment\n", 2, "no words under it"),
    ("# pack: food\napple\n# pack: animals\napple\n", 4, "duplicates line 2"),
])
def test_a_bad_pack_line_fails_with_its_line_number(text, line, what):
    with pytest.raises(WordsFileError) as err:
        parse_words(text, source="w.txt")
    assert f"w.txt:{line}:" in str(err.value) and what in str(err.value)


def test_a_file_without_pack_lines_reads_as_before():
    assert all(w.packs == () for w in parse_words("cat\ndog | puppy\n"))


def test_the_shipped_words_file_has_packs_and_every_pack_has_words():
    words = load_words(ROOT / "words.txt")
    packs = pack_names(words)
    assert {"animals", "food", "kids"} <= set(packs)
    assert all(len(in_pack(words, p)) >= 5 for p in packs)
    assert {w.text for w in in_pack(words, "food")} >= {"apple", "banana", "pizza"}
    assert "rifle" not in {w.text for w in in_pack(words, "kids")}


# -- difficulty -----------------------------------------------------------------------------------

@pytest.mark.parametrize("recognized, total, median_share, expected", [
    (10, 10, 0.0, 1.0),
    (10, 10, 0.5, 0.5),
    (5, 10, 0.5, 0.25),
    (0, 10, None, 0.0),
    (3, 0, 0.2, 0.0),
    (4, 4, 1.5, 0.0),  # later than the time allowed: no time left
])
def test_ease_is_the_recognized_share_times_the_time_left(recognized, total, median_share, expected):
    assert ease(recognized, total, median_share) == pytest.approx(expected)


@pytest.mark.parametrize("score, level", [(0.9, "easy"), (0.6, "easy"), (0.59, "medium"), (0.3, "medium"),
                                          (0.29, "hard"), (0.0, "hard"), (None, None)])
def test_levels_follow_the_cut_points(score, level):
    assert level_of(score, Cuts(hard_below=0.3, easy_from=0.6)) == level


def test_thirds_split_a_list_into_three_even_levels():
    values = [i / 30 for i in range(30)]
    cuts = thirds(values)
    counts = [sum(level_of(v, cuts) == lv for v in values) for lv in ("easy", "medium", "hard")]
    assert counts == [10, 10, 10]


@pytest.mark.parametrize("games, expected_ease, n", [
    ([], None, 0),
    ([{"status": "won", "duration_s": 9, "game_seconds": 45}] * 4, 0.8, 4),
    ([{"status": "won", "duration_s": 9, "game_seconds": 45}, {"status": "timeout"}], 0.4, 2),
    ([{"status": "timeout"}] * 3 + [{"status": "quit"}], 0.0, 3),  # a quit says nothing about the word
])
def test_played_games_give_an_ease_from_win_rate_and_median_time(games, expected_ease, n):
    got, count = play_ease(games)
    assert count == n and (got == expected_ease if expected_ease is None else got == pytest.approx(expected_ease))


@pytest.mark.parametrize("model, played, games, expected", [
    (0.8, None, 0, 0.8),
    (0.8, 0.0, 4, 0.8),       # under 5 games: the model's measure alone
    (0.8, 0.0, 5, 0.4),       # 5 games weigh as much as the table
    (0.8, 0.2, 15, 0.35),
    (None, 0.5, 5, 0.5),      # a word the model does not know: play alone
    (None, 0.5, 4, None),
])
def test_played_games_join_the_table_once_there_are_enough(model, played, games, expected):
    got = blended(model, played, games)
    assert got == expected if expected is None else got == pytest.approx(expected)


def test_the_committed_table_rates_every_word_of_words_txt_in_three_even_levels():
    table = load_table()
    words = load_words(ROOT / "words.txt")
    levels = [level_of(table.model_ease(w.text), table.cuts) for w in words]
    assert None not in levels
    counts = {lv: levels.count(lv) for lv in ("easy", "medium", "hard")}
    assert max(counts.values()) - min(counts.values()) <= 2
    assert level_of(table.model_ease("circle"), table.cuts) == "easy"


def test_the_table_round_trips_and_a_broken_one_names_its_line():
    rows = [{"word": w, "drawings": 10, "recognized": r, "median_seconds": 2.0 if r else None, "ease": e}
            for w, r, e in [("a", 9, 0.8), ("b", 6, 0.5), ("c", 3, 0.2), ("d", 0, 0.0), ("e", 8, 0.7), ("f", 5, 0.4)]]
    table = parse_table(format_table(rows))
    assert {w: level_of(table.model_ease(w), table.cuts) for w in "abcdef"} == {
        "a": "easy", "e": "easy", "b": "medium", "f": "medium", "c": "hard", "d": "hard"}
    broken = format_table(rows).replace("0.5000", "lots")
    with pytest.raises(DifficultyTableError, match=r":\d+: a number"):
        parse_table(broken)
    with pytest.raises(DifficultyTableError, match="columns"):
        parse_table("word,ease\ncat,0.5\n")


@pytest.mark.parametrize("raw, level", [(None, None), ("", None), ("any", None), ("Hard", "hard"), (" easy ", "easy")])
def test_a_difficulty_from_a_widget_or_url_is_checked(raw, level):
    assert check_level(raw) == level


@pytest.mark.parametrize("raw", ["extreme", "1", "<script>", 3])
def test_an_unknown_difficulty_is_refused(raw):
    with pytest.raises(UnknownLevel):
        check_level(raw)


def test_an_unknown_pack_is_refused_and_any_means_none():
    assert check_choice("any", "hard", ["animals"]) == Choice(None, "hard")
    assert check_choice("Animals", None, ["animals"]) == Choice("animals", None)
    with pytest.raises(UnknownPack):
        check_choice("weapons", None, ["animals"])


# -- choosing, picking and event lists, on a real database -------------------------------------------

WORDS = "# pack: animals\ncat\ndog\nshark\nowl\n# pack: food\napple\npear\nplum\nfig\n"
TABLE = DifficultyTable({"cat": 0.9, "dog": 0.8, "apple": 0.85, "shark": 0.5, "pear": 0.45, "owl": 0.1,
                         "plum": 0.2, "fig": 0.15}, Cuts(hard_below=0.3, easy_from=0.7))


@pytest.fixture
def arena(db_store, request):
    """A word book and a lobby over it: 50 games at once, unless a test asks for fewer (indirect parameter)."""
    book = WordBook(db_store, parse_words(WORDS), table=TABLE)
    pool = GuesserPool([], Recorder(db_store))
    lobby = Lobby(db_store, pool, book.default.words, LobbySettings(max_games=getattr(request, "param", 50)),
                  book=book, rng=random.Random(1))
    yield db_store, book, lobby
    lobby.close()
    pool.close()


def play_out(store, lobby, player, now, **join):
    seat = lobby.join(player, now, **join)
    game = store.get_game(seat.game_id)
    lobby.end_game(seat.game_id, "quit", now + 1)
    return game


def test_choosing_a_difficulty_gives_only_words_of_that_level_until_none_are_left(arena):
    store, book, lobby = arena
    got = [play_out(store, lobby, "hard-player", 1000.0 + i, choice=Choice(None, "hard")) for i in range(3)]
    assert sorted(g["word"] for g in got) == ["fig", "owl", "plum"]
    assert {g["difficulty"] for g in got} == {"hard"} and {g["word_list"] for g in got} == {"default"}
    with pytest.raises(NoWordsLeft, match="every one of our Hard words"):
        lobby.join("hard-player", 2000.0, choice=Choice(None, "hard"))
    assert play_out(store, lobby, "hard-player", 2001.0, choice=Choice(None, "easy"))["difficulty"] == "easy"


def test_a_pack_and_a_difficulty_together_narrow_the_words(arena):
    store, book, lobby = arena
    game = play_out(store, lobby, "picky-player", 1000.0, choice=Choice("food", "easy"))
    assert game["word"] == "apple" and game["pack"] == "food"
    with pytest.raises(NoWordsLeft, match="Easy words of the food pack"):
        lobby.join("picky-player", 1001.0, choice=Choice("food", "easy"))


def test_played_games_move_a_word_to_another_level(arena):
    store, book, lobby = arena
    wl = book.default
    assert book.levels(wl)["cat"] == "easy"
    for i in range(15):  # nobody ever gets "cat"
        store.touch_player(f"p{i:07d}", 1.0)
        store.insert_game({"id": f"{i + 1:012x}", "word": "cat", "player_id": f"p{i:07d}", "status": "timeout",
                           "started_at": 10.0 + i, "game_seconds": 45, "word_list": "default"})
    book._levels.clear()
    assert book.levels(wl)["cat"] == "hard"  # (0.9 * 5 + 0 * 15) / 20 = 0.225


def test_an_event_list_with_a_bad_line_is_refused_with_its_line_and_nothing_changes(arena):
    store, book, lobby = arena
    list_id, unknown = book.add_event_list("Team day", "wizard\ncat\n", now=1.0)
    book.use(list_id, "all")
    with pytest.raises(WordsFileError, match=r"Bad list:3: .*duplicates line 1"):
        book.add_event_list("Bad list", "robot\nlaser\nRobots\n", now=2.0)
    with pytest.raises(BadWordList):
        book.add_event_list("   ", "robot\n", now=2.0)
    assert [r["name"] for r in store.word_lists()] == ["Team day"]
    assert book.active().key == f"event-{list_id}" and unknown == ["wizard"]


def test_an_event_list_is_for_everyone_or_only_for_the_room_and_can_be_switched_back(arena):
    store, book, lobby = arena
    list_id, _ = book.add_event_list("Launch party", "rocket\nwizard\nlaptop\n", now=1.0)
    book.use(list_id, "room")
    assert book.active(room=False).key == "default" and book.active(room=True).key == f"event-{list_id}"
    game = play_out(store, lobby, "room-player1", 1000.0, room=True)
    assert game["word"] in ("rocket", "wizard", "laptop") and game["word_list"] == f"event-{list_id}"
    assert play_out(store, lobby, "street-player", 1000.0)["word_list"] == "default"
    book.use(list_id, "all")
    assert book.active().key == f"event-{list_id}"
    book.use(None)
    assert book.active(room=True).key == "default"


def test_switching_lists_never_repeats_a_word_the_player_had_in_that_list(arena):
    store, book, lobby = arena
    list_id, _ = book.add_event_list("Small", "rocket\nwizard\ncat\n", now=1.0)
    seen: list[str] = []
    t = 1000.0
    for turn in range(4):  # back and forth between the lists
        book.use(list_id if turn % 2 == 0 else None)
        for _ in range(2 if turn < 2 else 1):
            t += 10
            seen.append(play_out(store, lobby, "switcher-01", t)["word"])
    assert len(seen) == len(set(seen)) == 6
    book.use(list_id)
    fresh = {w.text for w in book.fresh("switcher-01", Choice())}
    assert fresh == {"rocket", "wizard", "cat"} - set(seen)


@pytest.mark.parametrize("arena", [1], indirect=True, ids=["one game at once"])
def test_a_queued_choice_the_new_list_cannot_meet_still_gets_a_game(arena):
    store, book, lobby = arena
    blocker = lobby.join("blocker-0001", 1000.0)
    assert lobby.join("queued-player", 1000.0, choice=Choice("food", None)).state == "queued"
    list_id, _ = book.add_event_list("No packs", "rocket\nwizard\n", now=1.0)
    book.use(list_id)
    lobby.end_game(blocker.game_id, "quit", 1001.0)
    lobby.heartbeat("queued-player", 1001.5)
    game = store.active_game_for_player("queued-player")
    assert game is not None and game["word"] in ("rocket", "wizard")


def test_the_offline_model_sits_out_words_it_does_not_know():
    from core.sketch import SketchGuesser, known_words

    sketch = SketchGuesser(load_words(ROOT / "words.txt"))
    event = parse_words("wizard\ncat\ndog\n")
    assert sketch.for_list(event, event[0]) is None
    cat = sketch.for_list(event, event[1])
    assert cat is not None and set(cat.words) == {"cat", "dog"}
    assert sketch.for_list(load_words(ROOT / "words.txt"), event[1]) is sketch
    assert "wizard" not in known_words() and "cat" in known_words()


def test_in_a_game_of_a_word_it_does_not_know_the_offline_model_never_guesses(db_store):
    from conftest import frame_png
    from scripted import ScriptedGuesser

    from core.sketch import SketchGuesser

    recorder = Recorder(db_store)
    sketch = SketchGuesser(load_words(ROOT / "words.txt"), min_confidence=0.0)
    pool = GuesserPool([sketch, ScriptedGuesser("Scripted", [(0.01, "banana")] * 20)], recorder)
    book = WordBook(db_store, load_words(ROOT / "words.txt"))
    lobby = Lobby(db_store, pool, book.default.words, LobbySettings(max_games=5), book=book, rng=random.Random(2))
    try:
        for name, words in (("Wizards", "wizard\n"), ("Cats", "cat\n")):
            book.use(book.add_event_list(name, words, now=1.0)[0])
            player = f"player-{name.lower()}"
            seat = lobby.join(player, now=10.0)
            pool.submit_frame(seat.game_id, frame_png(3))
            wanted = {"Scripted", sketch.name} if name == "Cats" else {"Scripted"}
            assert wait_for(lambda: wanted <= {v.guesser for v in pool.snapshot(seat.game_id).guesses}, timeout=10)
            # Both guessers were woken by the one frame: by the time Scripted has answered, the offline model,
            # had it played, has begun its call, and ending the game leaves a row for it (cancelled or not).
            lobby.quit(player, now=11.0)
            assert pool.wait_idle(seat.game_id) and recorder.flush()
            guessers = {g["guesser"] for g in db_store.game_guesses(seat.game_id)}
            assert (sketch.name in guessers) == (name == "Cats"), (name, guessers)
    finally:
        lobby.close()
        pool.close()
        recorder.close()


def test_an_uploaded_list_is_read_under_caps_and_an_overlong_line_is_named():
    import gzip

    from core.uploads import UploadRefused
    from core.wordbook import read_list_file
    assert read_list_file("\ufeffcat\r\ndog | puppy\n".encode(), "party.txt") == "cat\r\ndog | puppy\n"
    assert read_list_file(gzip.compress(b"cat\ndog\n"), "party.txt.gz") == "cat\ndog\n"
    with pytest.raises(WordsFileError, match="party.txt:2: the line is longer than 1,024 characters"):
        read_list_file(b"cat\n" + b"x" * 5000 + b"\n", "party.txt")
    with pytest.raises(UploadRefused, match="more than 20,000 lines"):
        read_list_file(gzip.compress(b"\n" * 50_000), "bomb.gz")
    with pytest.raises(UploadRefused, match="not UTF-8"):
        read_list_file(b"caf\xe9\n", "latin1.txt")
