"""Share links that unfurl: /share/ID's Open Graph page and its PNG card (through Starlette's TestClient), and the
Game page's link."""
from __future__ import annotations

import io
import random
import time
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlsplit

import numpy as np
import pytest
from apptest import open_page
from conftest import frame_png
from PIL import Image
from scripted import ScriptedGuesser
from seed import seed_games
from test_live import WORDS, as_sent, get

from core.cards import card_lines, render_card
from core.share import page_base, request_base, share_text, share_title, share_url

HIDDEN = f"{15:012x}"  # seed_games' hidden game
BASE = "http://testserver"  # the test client's own address: the links a page builds from its request name it
CARD = (1200, 630)


class Meta(HTMLParser):
    """The <meta> tags of a page by property or name (values unescaped), and its refresh."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: dict[str, str] = {}
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta":
            key = a.get("property") or a.get("name") or a.get("http-equiv")
            if key:
                self.tags[key] = a.get("content") or ""


@pytest.fixture
def serve(make_engine, route_client):
    """The routes in a TestClient over a real engine and a seeded temp database: serve(**settings) gives the
    client, the engine and the seeded games' ids."""
    def start(**extra: str):
        engine = make_engine([ScriptedGuesser("Banana bot", [(0.05, "banana")])], WORDS, rng=random.Random(3),
                             **extra)
        ids = seed_games(engine.store, now=time.time())
        return route_client(engine), engine, ids

    return start


def add_game(engine, game_id: str, **fields) -> None:
    now = time.time()
    row = {"id": game_id, "word": "cat", "player_id": "sharer", "status": "won", "started_at": now - 60,
           "ended_at": now - 50, "duration_s": 8.2, "winner": "Maya", "winner_human": 1, "game_seconds": 45,
           "hidden": 0}
    engine.store.touch_player("sharer", now)
    engine.store.insert_game({**row, **fields})
    engine.store.insert_frames([{"game_id": game_id, "seq": 1, "created_at": now - 55, "width": 64, "height": 64,
                                 "png": frame_png(2)}])


def on_server(url: str) -> str:
    """The same path and query, asked of the test client (an absolute og:image may name the public host)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_a_share_page_unfurls_with_the_winner_word_and_time_then_forwards_to_the_game(serve):
    client, engine, ids = serve()
    status, headers, body = get(client, f"/share/{ids[0]}")
    page = body.decode()
    tags = Meta(page).tags
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert tags["og:title"] == "Claude guessed my square in 2.0 s"
    assert tags["twitter:card"] == "summary_large_image" and tags["twitter:title"] == tags["og:title"]
    assert tags["og:type"] == "website" and tags["og:url"] == f"{BASE}/share/{ids[0]}"
    assert tags["og:image"] == tags["twitter:image"] == f"{BASE}/share/{ids[0]}/card.png"
    assert tags["og:description"] and tags["og:image:type"] == "image/png"
    assert tags["refresh"] == f"0; url={BASE}/Game?game={ids[0]}"
    assert f'href="{BASE}/Game?game={ids[0]}"' in page and "<script" not in page
    assert "public" in headers["cache-control"] and "max-age" in headers["cache-control"]


def test_the_og_image_is_a_png_of_the_stated_type_and_size(serve):
    client, engine, ids = serve(PUBLIC_URL="https://arena.example.com/")
    tags = Meta(get(client, f"/share/{ids[1]}")[2].decode()).tags
    assert tags["og:image"] == f"https://arena.example.com/share/{ids[1]}/card.png"
    status, headers, png = get(client, on_server(tags["og:image"]))
    assert status == 200 and headers["content-type"] == tags["og:image:type"] == "image/png"
    im = Image.open(io.BytesIO(png))
    assert im.format == "PNG" and im.size == (int(tags["og:image:width"]), int(tags["og:image:height"])) == CARD
    assert "max-age=3600" in headers["cache-control"] and "public" in headers["cache-control"]
    assert get(client, on_server(tags["og:image"]), {"If-None-Match": headers["etag"]})[0] == 304


def test_a_game_won_by_a_person_or_lost_by_everyone_says_so(serve):
    client, engine, _ = serve()
    add_game(engine, "00000000aaa1")
    add_game(engine, "00000000aaa2", status="timeout", winner=None, winner_human=0, duration_s=45)
    title = Meta(get(client, "/share/00000000aaa1")[2].decode()).tags["og:title"]
    assert title == "Maya (a person in the room) guessed my cat in 8.2 s"
    assert Meta(get(client, "/share/00000000aaa2")[2].decode()).tags["og:title"] == "Nobody guessed my cat in 45 s"


def test_a_game_with_the_word_written_may_be_shared_and_its_description_says_so(serve):
    client, engine, _ = serve()
    add_game(engine, "00000000aaa3", wrote_word=1, wrote_word_text="CAT", wrote_word_frame=1)
    status, _, body = get(client, "/share/00000000aaa3")
    assert status == 200 and "written in the drawing" in Meta(body.decode()).tags["og:description"]
    assert get(client, "/share/00000000aaa3/card.png")[0] == 200


def test_hostile_nicknames_and_words_are_escaped_in_the_page(serve):
    client, engine, _ = serve()
    add_game(engine, "00000000bad1", word='"><script>alert(1)</script>', winner="<script>x</script>&'")
    status, _, body = get(client, "/share/00000000bad1")
    page = body.decode()
    assert status == 200 and "<script" not in page and "&lt;script&gt;" in page
    assert Meta(page).tags["og:title"] == ('<script>x</script>&\' (a person in the room) guessed my '
                                           '"><script>alert(1)</script> in 8.2 s')
    assert get(client, "/share/00000000bad1/card.png")[0] == 200


@pytest.mark.parametrize("suffix", ["", "/card.png"])
def test_hidden_active_and_unknown_games_are_not_found_on_both_routes(serve, suffix):
    client, engine, _ = serve()
    add_game(engine, "00000000ac71", status="active", winner=None, winner_human=0, ended_at=None, duration_s=None)
    assert engine.store.get_game(HIDDEN)["hidden"]
    for game_id in (HIDDEN, "00000000ac71", "0123456789ab"):
        status, headers, body = get(client, f"/share/{game_id}{suffix}")
        assert status == 404 and headers["content-type"].startswith("text/html") and b"could not find" in body
    assert get(client, "/share")[0] == get(client, f"/share/{HIDDEN}/card.png/x")[0] == 404


@pytest.mark.parametrize("suffix", ["", "/card.png"])
@pytest.mark.parametrize("bad", ["../etc", "..%2Fetc", quote("x'--"), "a" * 500, "%00", "0123456789AB", "%20"])
def test_garbage_ids_are_not_found_never_a_traceback(serve, bad, suffix):
    client, _, _ = serve()
    status, _, body = get(client, as_sent(f"/share/{bad}{suffix}"))
    assert status == 404 and b"Traceback" not in body and b"Error" not in body


def test_forwarded_host_and_proto_from_the_proxy_name_the_links_when_public_url_is_unset(serve):
    client, _, ids = serve()
    forwarded = {"X-Forwarded-Host": "arena.example.org", "X-Forwarded-Proto": "https"}
    tags = Meta(get(client, f"/share/{ids[0]}", forwarded)[2].decode()).tags
    assert tags["og:image"] == f"https://arena.example.org/share/{ids[0]}/card.png"
    assert tags["refresh"] == f"0; url=https://arena.example.org/Game?game={ids[0]}"
    forged = {"X-Forwarded-Host": 'evil"><script>', "X-Forwarded-Proto": "javascript"}
    assert Meta(get(client, f"/share/{ids[0]}", forged)[2].decode()).tags["og:image"].startswith(f"{BASE}/share/")


@pytest.mark.parametrize("public, peer, headers, expected", [
    ("https://arena.example.com/", "127.0.0.1", {"x-forwarded-host": "other.example"}, "https://arena.example.com"),
    ("", "127.0.0.1", {"x-forwarded-host": "arena.example", "x-forwarded-proto": "https"}, "https://arena.example"),
    ("", "203.0.113.9", {"x-forwarded-host": "evil.example", "x-forwarded-proto": "https"}, "http://app:8501"),
    ("", "::ffff:127.0.0.1", {"x-forwarded-proto": "https, http"}, "https://app:8501"),
    ("", "127.0.0.1", {"x-forwarded-host": "a b/c", "x-forwarded-proto": "ftp"}, "http://app:8501"),
    ("", None, {"x-forwarded-host": "arena.example"}, "http://app:8501"),
])
def test_links_use_public_url_else_the_request_as_a_trusted_proxy_forwarded_it(public, peer, headers, expected):
    assert request_base(public, "http", "app:8501", headers, peer, ("127.0.0.1", "::1")) == expected


@pytest.mark.parametrize("game, title", [
    ({"word": "cat", "status": "won", "winner": "Claude (claude-haiku-4-5)", "duration_s": 4.23},
     "Claude guessed my cat in 4.2 s"),
    ({"word": "cat", "status": "won", "winner": "Maya (the best)", "winner_human": 1, "duration_s": 8.2},
     "Maya (the best) (a person in the room) guessed my cat in 8.2 s"),
    ({"word": "cat", "status": "timeout", "game_seconds": 45, "duration_s": 45.3}, "Nobody guessed my cat in 45 s"),
    ({"word": "cat", "status": "quit", "duration_s": 12}, "Nobody guessed my cat before I gave up"),
    ({"word": "cat", "status": "abandoned"}, "Nobody guessed my cat"),
])
def test_the_title_names_who_guessed_the_word_and_how_fast(game, title):
    assert share_title(game) == title


@pytest.mark.parametrize("public, expected", [("", "/share/0123456789ab"),
                                              ("https://arena.example/", "https://arena.example/share/0123456789ab")])
def test_share_url_is_relative_only_without_a_public_url(public, expected):
    assert share_url(public, "0123456789ab") == expected


@pytest.mark.parametrize("url, expected", [("http://localhost:8501/Game", "http://localhost:8501"),
                                           ("https://a.example/arena/Game", "https://a.example/arena"),
                                           ("https://a.example/", "https://a.example"),
                                           (None, ""), ("javascript:alert(1)", "")])
def test_the_base_address_comes_from_the_page_address(url, expected):
    assert page_base(url, "Game") == expected


WON = {"word": "cat", "status": "won", "winner": "Claude (claude-haiku-4-5)", "duration_s": 4.2}


def panel_ink(png: bytes) -> int:
    im = Image.open(io.BytesIO(png)).convert("L").crop((60, 60, 570, 570))
    return int(np.count_nonzero(np.asarray(im) < 100))


@pytest.mark.parametrize("game", [WON, {"word": "the great wall of china " * 4, "status": "won", "winner": "W" * 24,
                                        "winner_human": 1, "duration_s": 12.5, "wrote_word": 1},
                                  {"word": "cat", "status": "timeout", "game_seconds": 45}, {}])
def test_a_card_is_a_1200_by_630_png_whatever_the_game(game):
    im = Image.open(io.BytesIO(render_card(game, frame_png(3, size=256))))
    assert im.format == "PNG" and im.size == CARD


def test_a_card_shows_the_drawing_large_on_its_panel():
    assert panel_ink(render_card(WON, frame_png(3, size=256))) > 2000


@pytest.mark.parametrize("frame", [None, b"", b"\x89PNG\r\n\x1a\nbroken", b"GIF89a" + b"\x00" * 40,
                                   frame_png(1)[:40]])
def test_a_missing_or_broken_frame_gets_a_card_without_the_drawing(frame):
    png = render_card(WON, frame)
    assert Image.open(io.BytesIO(png)).size == CARD and panel_ink(png) < 200


@pytest.fixture
def game_page(streamlit_app):
    """The Game page of a seeded game: game_page(**settings) gives the AppTest and the game id."""
    def open_game(**settings: str):
        engine = streamlit_app("square\ncircle\ntriangle\ncat\nhouse\ntree\n", **settings)
        ids = seed_games(engine.store, now=time.time())
        at = open_page("pages/3_Game.py", game=ids[1])
        assert not at.exception
        return at, ids[1]
    return open_game


def test_the_game_pages_share_tab_links_the_unfurling_share_address(game_page):
    at, game_id = game_page(PUBLIC_URL="https://arena.example.com")
    assert f"https://arena.example.com/share/{game_id}" in [c.value for c in at.code]
    share = [b for b in at.get("link_button") if b.proto.label == "Share on X"][0]
    assert parse_qs(urlsplit(share.proto.url).query)["url"] == [f"https://arena.example.com/share/{game_id}"]
    assert "Set PUBLIC_URL" not in " ".join(c.value for c in at.caption)


def test_without_public_url_the_share_tab_says_the_link_only_works_here(game_page):
    at, game_id = game_page()
    assert f"/share/{game_id}" in [c.value for c in at.code]
    assert any("Set PUBLIC_URL so links work outside this machine" in c.value for c in at.caption)


def test_a_game_played_in_german_is_shared_in_german_whoever_shares_it(serve):
    client, engine, _ = serve()
    add_game(engine, "00000000de01", lang="de", winner="Claude (claude-haiku-4-5)", winner_human=0, duration_s=4.25)
    engine.store.insert_guesses([{"game_id": "00000000de01", "frame_seq": 1, "guesser": "GPT (gpt-5-mini)",
                                  "text": "Hund", "created_at": time.time()}])
    status, headers, body = get(client, "/share/00000000de01", {"Accept-Language": "en-US"})
    page = body.decode()
    tags = Meta(page).tags
    assert status == 200 and '<html lang="de">' in page
    assert tags["og:title"] == "Claude hat meine Zeichnung „Katze“ in 4,2 s erraten"
    assert tags["og:description"].startswith("Außerdem geraten: “Hund” (GPT).")
    assert tags["og:image:alt"] == f"{tags['og:title']}: die Zeichnung" and "Das Spiel auf Pictionary Arena ansehen" in page
    german, english = get(client, "/share/00000000de01/card.png")[2], render_card(
        {"word": "cat", "status": "won", "winner": "Claude", "duration_s": 4.25}, frame_png(2))
    assert Image.open(io.BytesIO(german)).size == CARD and german != english


@pytest.mark.parametrize("game, lines", [
    ({"word": "Katze", "lang": "de", "status": "won", "winner": "Maya", "winner_human": 1, "duration_s": 8.25,
      "wrote_word": 1},
     ["Meine Zeichnung", "Katze", "Maya (jemand im Raum) hat es erraten", "in 8,2 s", "Das Wort stand in der Zeichnung"]),
    ({"word": "gato", "lang": "es", "status": "timeout", "game_seconds": 45}, ["Dibujé", "gato", "Nadie lo ha adivinado",
                                                                              "en 45 s"]),
    ({"word": "chat", "lang": "fr", "status": "quit"}, ["J'ai dessiné", "chat", "Personne ne l'a deviné",
                                                        "avant que j'abandonne"]),
    ({"word": "cat", "lang": "xx", "status": "won", "winner": "Gemini (g)", "duration_s": 2}, ["I drew", "cat",
                                                                                               "Gemini guessed it",
                                                                                               "in 2.0 s"]),
])
def test_a_card_speaks_its_games_language(game, lines):
    assert " ".join(card_lines(game)) == " ".join(lines), "the same text, however the font wraps it"
    assert Image.open(io.BytesIO(render_card(game, None))).size == CARD


@pytest.mark.parametrize("game, text", [
    ({"word": "Katze", "lang": "de", "status": "won", "winner": "Claude (x)", "duration_s": 4.25},
     "Ich habe „Katze“ gezeichnet und Claude hat es in 4,2 s erraten!"),
    ({"word": "gatto", "lang": "it", "status": "timeout"},
     "Ho disegnato «gatto» e nessun modello l'ha indovinato. Sai disegnarlo meglio?"),
    ({"word": "cat", "status": "won", "winner": "Claude (x)", "duration_s": 4.2}, "I drew “cat” and Claude guessed it in 4.2 s!"),
])
def test_the_line_posted_with_a_link_is_in_the_games_language(game, text):
    assert share_text(game) == text
