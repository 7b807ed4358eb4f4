"""The driver: games that change like real ones, written into the shared database through the checkout's own store."""
from __future__ import annotations

import hashlib
import io
import random
import threading
import time
from collections import Counter
from pathlib import Path

QUIET_BEFORE_END = 2.0


def game_id_for(run: str, slot: int, round_: int) -> str:
    """The driver's game ids are derived, so a player knows its next game without asking anyone."""
    return hashlib.blake2b(f"{run}:{slot}:{round_}".encode(), digest_size=6).hexdigest()


def drawing_frames(n: int, rng: random.Random, size: int = 512) -> list[bytes]:
    """`n` PNGs of one drawing growing stroke by stroke, like a canvas's frames (5-20 kB each)."""
    from PIL import Image, ImageDraw
    img = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(img)
    out = []
    x, y = size / 2, size / 2
    for _ in range(n):
        for _ in range(2):
            pts = [(x, y)]
            for _ in range(6):
                x = min(size - 20, max(20, x + rng.uniform(-70, 70)))
                y = min(size - 20, max(20, y + rng.uniform(-70, 70)))
                pts.append((x, y))
            draw.line(pts, fill="black", width=6, joint="curve")
        buf = io.BytesIO()
        img.convert("L").save(buf, "PNG", optimize=True)
        out.append(buf.getvalue())
    return out


def replay_gif(frames: list[bytes]) -> bytes:
    """A small animated GIF of some frames, as the app stores a replay."""
    from PIL import Image
    pics = [Image.open(io.BytesIO(f)).convert("L").resize((256, 256)) for f in frames[:: max(1, len(frames) // 6)]]
    buf = io.BytesIO()
    pics[0].save(buf, "GIF", save_all=True, append_images=pics[1:], duration=400, loop=0)
    return buf.getvalue()


class Driver:
    """Keeps `games` games running in the shared database: guesses, frames, ends, replays."""

    def __init__(self, db_path: Path, run: str, players: list[tuple[str, str]], guess_every: float,
                 frame_every: float, game_length: float, game_seconds: float, rng: random.Random):
        from core.store import Store  # the checkout's own store (sys.path points at --root)
        self.store = None
        self.store_cls = Store
        self.db_path = db_path
        self.run = run
        self.players = players  # (token, player_id) per slot
        self.guess_every, self.frame_every, self.game_length = guess_every, frame_every, game_length
        self.game_seconds = game_seconds
        self.frames = drawing_frames(int(game_length / frame_every) + 2, rng)
        self.rng = rng
        self.stop_event = threading.Event()
        self.thread = None
        self.lock = threading.Lock()
        self.write_s: list[float] = []
        self.errors: Counter = Counter()
        self.guesses = self.frames_written = self.games_started = 0
        self.probes: list[tuple] = []  # (game, slot, k, written, stored) of every guess, the last few minutes
        self.ended: dict[str, float] = {}  # game -> when the driver ended it

    def ended_games(self) -> dict[str, float]:
        with self.lock:
            return dict(self.ended)

    def probes_between(self, a: float, b: float) -> list[tuple]:
        """The guesses written between two wall times (and stored: a failed write has no entry)."""
        with self.lock:
            return [x for x in self.probes if a <= x[3] <= b]

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="bench-driver", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        if self.thread:
            self.thread.join(10)

    def take_stats(self) -> dict:
        with self.lock:
            out = {"write_s": self.write_s, "errors": dict(self.errors), "guesses": self.guesses,
                   "frames": self.frames_written, "games": self.games_started}
            self.write_s, self.errors = [], Counter()
            self.guesses = self.frames_written = self.games_started = 0
        return out

    def _timed(self, what: str, fn, *args) -> bool:
        t0 = time.monotonic()
        try:
            fn(*args)
        except Exception as exc:  # the bench goes on; the table shows the count
            with self.lock:
                self.errors[f"{what}: {type(exc).__name__}: {exc}"[:160]] += 1
            return False
        with self.lock:
            self.write_s.append(time.monotonic() - t0)
        return True

    def _run(self) -> None:
        self.store = self.store_cls(self.db_path)
        slots = []
        t0 = time.time()
        for s in range(len(self.players)):  # staggered, so the slots do not end at the same moment
            slots.append(self._new_game(s, 0, t0 + (s + 1) * self.game_length / len(self.players)))
        while not self.stop_event.is_set():
            now = time.time()
            nxt = now + 1.0
            for i, g in enumerate(slots):
                if now >= g["ends"]:
                    self._end_game(g, now)
                    slots[i] = g = self._new_game(g["slot"], g["round"] + 1, now + self.game_length)
                if now >= g["next_guess"] and now < g["ends"] - QUIET_BEFORE_END:
                    g["k"] += 1
                    t = time.time()
                    row = {"game_id": g["id"], "frame_seq": g["seq"], "guesser": "Bench Guesser", "model": "bench",
                           "text": f"bench#{g['k']}@{t:.3f}", "normalized": f"bench {g['k']}", "correct": 0,
                           "created_at": t, "latency_ms": 600.0, "input_tokens": 0, "output_tokens": 0,
                           "cost_usd": 0.0, "requested_at": t - 0.6, "refused": 0, "stale": 0, "won": 0,
                           "reason": "not the word"}
                    if self._timed("guess", self.store.insert_guesses, [row]):
                        with self.lock:
                            self.guesses += 1
                            self.probes.append((g["id"], g["slot"], g["k"], t, time.time()))
                            if self.probes[0][3] < t - 300:
                                self.probes = [x for x in self.probes if x[3] >= t - 300]
                    g["next_guess"] += self.guess_every
                if now >= g["next_frame"] and g["seq"] < len(self.frames):
                    g["seq"] += 1
                    png = self.frames[g["seq"] - 1]
                    row = {"game_id": g["id"], "seq": g["seq"], "created_at": time.time(), "width": 512,
                           "height": 512, "png": png}
                    self._timed("frame", self.store.insert_frames, [row])
                    with self.lock:
                        self.frames_written += 1
                    g["next_frame"] += self.frame_every
                nxt = min(nxt, g["next_guess"], g["next_frame"], g["ends"])
            self.stop_event.wait(max(0.0, nxt - time.time()))
        for g in slots:
            self._end_game(g, time.time())
        self.store.close()

    def _new_game(self, slot: int, round_: int, ends: float) -> dict:
        token, player_id = self.players[slot]
        now = time.time()
        gid = game_id_for(self.run, slot, round_)
        self._timed("player", self.store.touch_player, player_id, now)
        self._timed("game", self.store.insert_game, {
            "id": gid, "word": "benchword",  # in no word list: no guesser that resumes the game can win it
            "player_id": player_id, "status": "active", "started_at": now, "game_seconds": self.game_seconds,
            "hidden": 0})
        with self.lock:
            self.games_started += 1
        first = now + self.rng.uniform(0.2, self.guess_every)
        return {"slot": slot, "round": round_, "id": gid, "ends": ends, "k": 0, "seq": 0,
                "next_guess": first, "next_frame": now + 0.5}

    def _end_game(self, g: dict, now: float) -> None:
        self._timed("end", self.store.end_game, g["id"], "won", now, "Bench Guesser")
        with self.lock:
            self.ended[g["id"]] = time.time()
        if g["seq"]:
            self._timed("replay", self.store.save_replay, g["id"], replay_gif(self.frames[:g["seq"]]), g["seq"], now)


def seed_guessers(store, guessers: list[tuple[str, str]], now: float) -> None:
    """Guessing people as the Spectate page leaves them once they picked a nickname: a player row with one."""
    for i, (_, player_id) in enumerate(guessers):
        store.touch_player(player_id, now)
        store.set_nickname(player_id, f"Room {i:x}")
