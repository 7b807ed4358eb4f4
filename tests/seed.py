"""A seeded database for page tests: won games with frames and replays, a hidden one, ties."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from conftest import frame_png  # noqa: E402

from core.moderation import after_game  # noqa: E402
from core.store import Store  # noqa: E402

WORDS = ["square", "circle", "triangle", "cat", "house", "tree"]


def seed_games(store: Store, count: int = 14, now: float = 1_800_000_000.0, viewer: str | None = None,
               viewer_rank_from: int = 12) -> list[str]:
    """`count` won games: game i took 2 + i seconds (two pairs tie), the viewer's best is slow."""
    ids = []
    for i in range(count):
        player = viewer if (viewer and i >= viewer_rank_from) else f"seedplayer{i:04d}"
        store.touch_player(player, now)
        game_id = f"{i + 1:012x}"
        duration = 2.0 + (i if i not in (3, 4) else 3)  # games 3 and 4 tie at 5 s
        started = now - 10_000 + i * 100
        store.insert_game({"id": game_id, "word": WORDS[i % len(WORDS)], "player_id": player,
                           "player_name": f"Player {i}" if i % 5 else None, "status": "won",
                           "started_at": started, "ended_at": started + duration, "duration_s": duration,
                           "winner": ["Claude (claude-haiku-5-5)", "Sketch CNN (offline)"][i % 2],
                           "game_seconds": 45, "hidden": 0})
        store.insert_frames([{"game_id": game_id, "seq": k + 1, "created_at": started + k, "width": 64,
                              "height": 64, "png": frame_png(k)} for k in range(3)])
        store.insert_guesses([{"game_id": game_id, "frame_seq": 3, "guesser": "Sketch CNN (offline)",
                               "model": "sketch-cnn", "text": WORDS[i % len(WORDS)], "correct": 1, "won": 1,
                               "created_at": started + duration, "latency_ms": 12.0, "reason": "names it"}])
        after_game(store, game_id, now)
        ids.append(game_id)
    hidden = f"{count + 1:012x}"
    store.insert_game({"id": hidden, "word": "cat", "player_id": "seedplayer0000", "status": "won",
                       "started_at": now - 50, "ended_at": now - 49.5, "duration_s": 0.5, "winner": "GPT",
                       "game_seconds": 45, "hidden": 0, "player_name": "Hidden Fast"})
    store.insert_frames([{"game_id": hidden, "seq": 1, "created_at": now - 50, "width": 64, "height": 64,
                          "png": frame_png(1)}])
    store.insert_guesses([{"game_id": hidden, "guesser": "GPT", "created_at": now - 49.6, "refused": 1,
                           "error": "refused: content_filter"}])
    after_game(store, hidden, now)
    return ids + [hidden]


if __name__ == "__main__":
    seed_games(Store(sys.argv[1]), now=float(sys.argv[2]) if len(sys.argv) > 2 else 1_800_000_000.0)
