"""How many people's guesses a second one process judges and stores, and how soon each person has their verdict.

    python bench/guess_rate.py                                   # this checkout, SQLite, 8 threads, 10 s
    python bench/guess_rate.py --backend postgresql              # a throw-away cluster (tests/pg.py)
    python bench/guess_rate.py --code /path/to/other/checkout    # the same bench against another commit's core/

`--threads` threads (as the web routes' worker threads) call Audience.guess for `--people` people, each with a
nickname and an address of their own (the per-address rule reads the database every guess), in `--games` running
games, each person at most once a second (the one-a-second rule). Every guess is a wrong one (a right one ends
the game). It reports the guesses taken per second, the verdict latency (the call's time) p50 / p99 / max, the
refusals, and after the run how long the writer took to store what was queued and whether every taken guess is in
the database. With the engine's recorder (this checkout) rows go through the writer thread in batches; an older
checkout writes each row inline under the guess lock.
"""
from __future__ import annotations

import argparse
import inspect
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
WRONG = ("hat", "boat", "tree", "car", "fish", "a red balloon", "house", "moon")


def run(code: Path, backend: str, threads: int, people: int, games: int, seconds: float, seed: int) -> dict:
    """Drive `code`'s Audience.guess from `threads` threads for `seconds`; the numbers as a dict."""
    sys.path[:0] = [str(code), str(code / "tests")]
    from scripted import ScriptedGuesser

    from core.audience import Audience, AudienceSettings, GuessRefused
    from core.lobby import Lobby, LobbySettings, Referee
    from core.pool import GuesserPool, PoolSettings
    from core.recorder import Recorder
    from core.store import Store
    from core.words import Word

    cluster = None
    url = ""
    if backend == "postgresql":
        from pg import Cluster
        cluster = Cluster()
        url = cluster.new_schema()
    tmp = Path(tempfile.mkdtemp(prefix="guess-rate-"))
    store = Store(tmp / "bench.db", database_url=url)
    recorder = Recorder(store)
    referee = Referee(store)
    pool = GuesserPool([ScriptedGuesser("Idle")], recorder, PoolSettings(timeout=5.0), referee=referee.claim_win)
    words = [Word(w) for w in ("cat", "dog", "sun", "owl", "kite", "drum")]
    lobby = Lobby(store, pool, words, LobbySettings(max_games=games, game_seconds=3600), referee=referee,
                  rng=random.Random(seed))
    settings = AudienceSettings(per_address=20)
    batched = "recorder" in inspect.signature(Audience.__init__).parameters
    audience = Audience(store, lobby, pool, settings, recorder=recorder) if batched else \
        Audience(store, lobby, pool, settings)
    now = time.time()
    game_ids = [lobby.join(f"drawer-{g:05d}", now=now).game_id for g in range(games)]
    who = [f"person-{n:06d}" for n in range(people)]
    for n, pid in enumerate(who):
        store.touch_player(pid, now)
        store.set_nickname(pid, f"Guesser {n}")
    latencies: list[list[float]] = [[] for _ in range(threads)]
    refused: list[Counter] = [Counter() for _ in range(threads)]
    start = threading.Barrier(threads + 1)
    stop_at = [0.0]

    def person_loop(k: int) -> None:
        rng = random.Random(seed + k)
        mine = who[k::threads]
        last = {p: 0.0 for p in mine}
        start.wait()
        i = 0
        while time.monotonic() < stop_at[0]:
            pid = mine[i % len(mine)]
            i += 1
            due = last[pid] + 1.02
            if time.monotonic() < due:
                time.sleep(due - time.monotonic())
            t0 = time.monotonic()
            last[pid] = t0
            try:
                audience.guess(game_ids[i % games], pid, rng.choice(WRONG), now=time.time(), origin=f"net-{pid}")
            except GuessRefused as exc:
                refused[k][type(exc).__name__] += 1
                continue
            latencies[k].append(time.monotonic() - t0)

    workers = [threading.Thread(target=person_loop, args=(k,)) for k in range(threads)]
    for w in workers:
        w.start()
    stop_at[0] = time.monotonic() + seconds
    t0 = time.monotonic()
    start.wait()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - t0
    f0 = time.monotonic()
    flushed = recorder.flush(60)
    flush_s = time.monotonic() - f0
    taken = sum(len(v) for v in latencies)
    stored = sum(1 for g in game_ids for r in store.game_guesses(g) if r["human"])
    lat = sorted(x for v in latencies for x in v)

    def q(p: float) -> float:
        return round(1000 * lat[min(len(lat) - 1, int(p * len(lat)))], 1) if lat else 0.0

    lobby.close()
    pool.close()
    recorder.close()
    store.shutdown()
    if cluster is not None:
        cluster.stop()
    return {"code": str(code), "backend": backend, "batched": batched, "threads": threads, "people": people,
            "seconds": round(elapsed, 1), "taken": taken, "per_s": round(taken / elapsed),
            "p50_ms": q(0.5), "p99_ms": q(0.99), "max_ms": round(1000 * lat[-1], 1) if lat else 0.0,
            "mean_ms": round(1000 * statistics.fmean(lat), 2) if lat else 0.0,
            "refused": dict(sum(refused, Counter())), "flush_s": round(flush_s, 2), "flushed": flushed,
            "stored": stored}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--code", action="append", help="checkout(s) to measure (default: this one); repeat to compare")
    ap.add_argument("--backend", default="sqlite", choices=("sqlite", "postgresql"))
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--people", type=int, default=3000)
    ap.add_argument("--games", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run(Path(args.one), args.backend, args.threads, args.people, args.games, args.seconds,
                             args.seed)))
        return
    rows = []
    for code in args.code or [str(HERE.parent)]:
        out = subprocess.run([sys.executable, __file__, "--one", str(Path(code).resolve()), "--backend", args.backend,
                              "--threads", str(args.threads), "--people", str(args.people), "--games", str(args.games),
                              "--seconds", str(args.seconds), "--seed", str(args.seed)],
                             check=True, capture_output=True, text=True)
        rows.append(json.loads(out.stdout))
    print(f"{args.backend}, {args.threads} threads, {args.people} people in {args.games} games, {args.seconds:g} s; "
          f"Python {sys.version.split()[0]}")
    print("| checkout | rows written | guesses/s | verdict p50 / p99 / max ms | refused | writer catches up "
          "| stored / taken |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        refusals = ", ".join(f"{k} {v}" for k, v in sorted(r["refused"].items())) or "none"
        print(f"| {r['code']} | {'batched (writer thread)' if r['batched'] else 'inline, under the guess lock'} "
              f"| {r['per_s']:,} | {r['p50_ms']} / {r['p99_ms']} / {r['max_ms']} | {refusals} "
              f"| {r['flush_s']} s | {r['stored']:,} / {r['taken']:,} |")


if __name__ == "__main__":
    main()
