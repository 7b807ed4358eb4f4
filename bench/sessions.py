"""How many connected people one app process holds, and two processes on one SQLite file, side by side.

    python bench/sessions.py                                # 1 and 2 processes, the default ramp (10-14 min)
    python bench/sessions.py --processes 1 --max-people 400 --seconds 10
    python bench/sessions.py --people 50,100,200 --processes 2   # 100, 200 and 400 people on 2 processes
    python bench/sessions.py --root /tmp/arena-head         # another checkout's app (its own core/ seeds the data)
    python bench/sessions.py --processes 1 --people 400 --profile /tmp/prof --profile-at 400   # + py-spy
    python bench/sessions.py --processes 1 --guessing 0,1 --game-length 45   # watching only, then the room guessing
    python bench/sessions.py --processes 1 --guessing 0,1 --compare /tmp/arena-before:reload \
        --compare /tmp/arena-after:switch           # two snapshots, interleaved, one table
    python bench/sessions.py --arrive 100,300 --within 10 --ways streamlit:poll,light:push,light:poll
                                                            # join storm: N phones open the QR link within S s

The join storm (--arrive, bench/crowd/storm.py) runs each way in (`streamlit` the old Spectate sessions,
`light` the /room page) with its view pushed or polled, interleaved, on fresh servers each.
What a person is, what the driver writes, the lag, when a step holds, what the CPU and GC columns mean:
docs/PERFORMANCE.md, "How bench/sessions.py measures". The parts are in bench/crowd/ (people, clients,
driver, servers, measure, ramp, profiling, report, compare); this file is the command line.
Needs `aiohttp` (requirements-dev.txt) and, for --profile, py-spy.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from browser_common import REPO, load_average  # noqa: E402
from crowd.compare import compare  # noqa: E402
from crowd.ramp import ladder, run_config  # noqa: E402
from crowd.report import print_tables  # noqa: E402
from crowd.storm import print_storm_tables, run_storms  # noqa: E402


def finish(args, results) -> None:
    """The closing line, and the raw results as JSON when --json names a file."""
    print(f"\nload average at the end: {load_average()}")
    if args.json:
        args.json.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()}, "results": results},
                                        indent=1, default=str))


def main(argv=None) -> None:
    """Parse the flags, run every configuration (or compare checkouts), print the tables."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", type=Path, default=REPO, help="the checkout to run (its app.py and core/)")
    ap.add_argument("--compare", action="append", default=[], metavar="ROOT[:switch|reload]",
                    help="run every configuration on each of these checkouts in turn (give it twice or more), each "
                    "with its guessers' --next-game; the tables put them side by side")
    ap.add_argument("--next-game", choices=("switch", "reload"), default="switch",
                    help="a guesser at its game's end: switch to the next running game in the same page (live.js's "
                    "'Guess the next game', since dce9dd3), or reload: open another game's page, a new session (before)")
    ap.add_argument("--label", default="", help="the name of this app in the tables (set by --compare)")
    ap.add_argument("--no-tables", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--processes", default="1,2", help="configurations to run, e.g. 1,2")
    ap.add_argument("--people", default="", help="explicit steps in people per process, e.g. 10,50,100 (else the ladder)")
    ap.add_argument("--max-people", type=int, default=600, help="the ladder's last step, people per process")
    ap.add_argument("--step", type=int, default=100, help="the ladder's increment after 10,25,50,100,200,300 (per process)")
    ap.add_argument("--seconds", type=float, default=12.0, help="measured window per step")
    ap.add_argument("--settle", type=float, default=4.0, help="seconds after new people connect, before measuring")
    ap.add_argument("--budget", type=float, default=400.0, help="seconds per configuration's ramp before it stops")
    ap.add_argument("--clients", type=int, default=2, help="client processes (asyncio + aiohttp each)")
    ap.add_argument("--connect-concurrency", type=int, default=4, help="sessions a client process opens at once")
    ap.add_argument("--games", type=int, default=2, help="games the driver keeps running")
    ap.add_argument("--players", type=int, default=2, help="players among the people (at most --games)")
    ap.add_argument("--presenters", type=int, default=1, help="presenter-mode screens among the people")
    ap.add_argument("--guess-every", type=float, default=1.0, help="a guess per game every this many s")
    ap.add_argument("--frame-every", type=float, default=2.0, help="a frame per game every this many s")
    ap.add_argument("--game-length", type=float, default=60.0, help="a driver game ends (won) after this many s")
    ap.add_argument("--game-seconds", type=float, default=3600.0, help="GAME_SECONDS given to the servers")
    ap.add_argument("--guessing", default="0", help="shares of the spectators who guess, a configuration each: "
                    "e.g. 0,1 runs every process count without and with the whole room guessing")
    ap.add_argument("--guessing-every", type=float, default=2.5, help="a guessing person's seconds between guesses "
                    "(jittered x0.6-1.4)")
    ap.add_argument("--tracers", type=int, default=12, help="guessing people whose guesses' lag every view measures")
    ap.add_argument("--idle-sessions", type=int, default=100,
                    help="idle websocket sessions held before the 1-process ramp (0: skip)")
    ap.add_argument("--lag-limit", type=float, default=1.5)
    ap.add_argument("--lag-quantile", type=float, default=99.0)
    ap.add_argument("--refine", type=int, default=1, help="after the first failure, halve the interval this often")
    ap.add_argument("--retries", type=int, default=1, help="re-measure a failed step this often when others loaded the machine")
    ap.add_argument("--profile", type=Path, help="py-spy the servers into this folder for one extra window at --profile-at")
    ap.add_argument("--profile-at", default="", help="steps to profile, e.g. 200,400; 'fail': the first step that fails")
    ap.add_argument("--arrive", default="", help="join storm: phones opening the QR link, e.g. 300 or 100,300 "
                    "(each size runs every --ways in turn)")
    ap.add_argument("--within", type=float, default=10.0, help="join storm: the seconds the phones arrive within")
    ap.add_argument("--jitter", action="store_true", help="join storm: arrivals at random (seeded), not evenly spread")
    ap.add_argument("--ways", default="streamlit:poll,light:push,light:poll",
                    help="join storm: WAY:TRANSPORT in turn; way streamlit (the old Spectate sessions) or light (/room); "
                    "the phones' and drawers' views push (SSE) or poll")
    ap.add_argument("--hold", type=float, default=20.0, help="join storm: the window after it, everyone watching")
    ap.add_argument("--idle-seconds", type=float, default=5.0, help="join storm: the window before it (idle rate)")
    ap.add_argument("--storm-tail", type=float, default=3.0, help="join storm: seconds measured after the last arrival")
    ap.add_argument("--storm-processes", default="1", help="join storm: app processes (one SQLite file); a list "
                    "(1,2) runs each storm on each count in turn, interleaved")
    ap.add_argument("--storm-guessing", type=float, default=0.0, metavar="SECONDS",
                    help="join storm: every phone goes on guessing this often after its first guess (jittered "
                    "x0.6-1.4; --tracers of them measured on the views); the hold reports the guess replies")
    ap.add_argument("--rounds", type=int, default=1, help="join storm: repeat every size and way this often")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--json", type=Path, help="also write every number to this file")
    ap.add_argument("--keep", action="store_true", help="keep the data dirs and server logs")
    argv = sys.argv[1:] if argv is None else list(argv)
    args = ap.parse_args(argv)
    args.players = min(args.players, args.games)
    args.profile_fail = "fail" in args.profile_at.split(",")
    args.profile_at = {int(x) for x in args.profile_at.split(",") if x and x != "fail"}
    args.guessing = [float(x) for x in args.guessing.split(",") if x] or [0.0]
    args.guessing_now = 0.0
    root = args.root.resolve()
    if args.arrive:
        args.arrive = [int(x) for x in args.arrive.split(",") if x]
        args.ways = [w for w in args.ways.split(",") if w]
        args.storm_processes = [int(x) for x in str(args.storm_processes).split(",") if x]
        if "--game-length" not in " ".join(argv):
            args.game_length = 900.0  # no game ends during a storm: every phone stays on the game it joined
        # --compare ROOT[:LABEL] (twice or more): each storm runs on each checkout in turn, one table
        roots = [(c.partition(":")[2] or Path(c.partition(":")[0]).name, Path(c.partition(":")[0]).resolve())
                 for c in args.compare] or [("", root)]
        sys.path.insert(0, str(roots[0][1]))
        print(f"# bench/sessions.py join storm {time.strftime('%Y-%m-%d %H:%M')} root {root}, {os.cpu_count()} cores, "
              f"load {load_average()}; {args.games} games (a guess every {args.guess_every:g} s, a frame every "
              f"{args.frame_every:g} s), {args.clients} client processes"
              f"{'; checkouts ' + ', '.join(f'{n}={r}' for n, r in roots) if args.compare else ''}", flush=True)
        results = run_storms(args, roots)
        print_storm_tables(results, args)
        finish(args, results)
        return
    configs = [int(x) for x in args.processes.split(",")]
    if args.compare:
        print(f"# bench/sessions.py {time.strftime('%Y-%m-%d %H:%M')}, side by side: {', '.join(args.compare)}; "
              f"{os.cpu_count()} cores, load {load_average()}", flush=True)
        results = compare(args, argv, configs)
        print_tables(results, args)
        finish(args, results)
        return
    sys.path.insert(0, str(root))  # the driver seeds data through this checkout's own core/
    try:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip() or "?"
        if commit != "?" and subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                                            capture_output=True, text=True).stdout.strip():
            commit += " + uncommitted changes"
    except OSError:
        commit = "?"
    print(f"# bench/sessions.py {time.strftime('%Y-%m-%d %H:%M')} root {root} ({commit}), {os.cpu_count()} cores, "
          f"load {load_average()}")
    print(f"steps {ladder(args)} people per process, {args.seconds:g} s windows after {args.settle:g} s, "
          f"{args.clients} client processes, "
          f"{args.games} games (a guess every {args.guess_every:g} s, a frame every {args.frame_every:g} s, "
          f"{args.game_length:g} s long), {args.players} players + {args.presenters} presenter(s), rest spectators; "
          f"guessing shares {', '.join(f'{g:.0%}' for g in args.guessing)} (a guess every {args.guessing_every:g} s "
          f"each, {args.tracers} tracers; next game: {args.next_game})", flush=True)
    secret = secrets.token_hex(32)
    results = [run_config(p, args, root, secret, g) for p in configs for g in args.guessing]
    if not args.no_tables:
        print_tables(results, args)
        print(f"\nload average at the end: {load_average()}")
    if args.json:
        for res in results:
            res.pop("logs", None)
        args.json.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()}, "results": results},
                                        indent=1, default=str))


if __name__ == "__main__":
    main()
