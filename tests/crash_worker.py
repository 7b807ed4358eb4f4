"""Plays a game in a loop until killed: the subject of the kill -9 test."""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from conftest import frame_png  # noqa: E402
from scripted import ScriptedGuesser  # noqa: E402

from core.lobby import Lobby, LobbySettings  # noqa: E402
from core.pool import GuesserPool  # noqa: E402
from core.recorder import Recorder  # noqa: E402
from core.store import Store  # noqa: E402
from core.words import Word  # noqa: E402


def main(db_path: str) -> None:
    store = Store(db_path)
    recorder = Recorder(store)
    pool = GuesserPool([ScriptedGuesser(f"s{i}", [(0.001, "banana")]) for i in range(3)], recorder)
    lobby = Lobby(store, pool, [Word("cat")], LobbySettings(game_seconds=3600), rng=random.Random(1))
    game_id = lobby.join("player-crash", now=time.time()).game_id
    n = 0
    while True:
        n += 1
        pool.submit_frame(game_id, frame_png(n % 50, size=96))
        if n == 60:
            if not recorder.flush():
                sys.exit("the writer did not catch up within its timeout")
            print(game_id, flush=True)  # committed rows exist; the parent may kill us now
        time.sleep(0.002)


if __name__ == "__main__":
    main(sys.argv[1])
