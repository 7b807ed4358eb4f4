"""The ramp of one configuration: steps of people, each measured and judged (holds or fails), refined after the first failure."""
from __future__ import annotations

import math
import random
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from browser_common import rss_mb

from .clients import Clients, add_people, plan_people
from .driver import Driver, seed_guessers
from .measure import measure, percentile, sample
from .people import PersonSpec
from .profiling import profile
from .report import print_step
from .servers import start_servers

DEFAULT_LADDER = (10, 25, 50, 100, 200, 300)
CLIENT_CPU_LIMIT = 0.9
CLIENT_LOOP_LIMIT = 0.2
OTHERS_LIMIT = 0.25  # cores of other people's work above which a failed step is measured once more
GUESS_OK = ("guess 200", "guess 429", "guess 409")  # slow down and game over are answers, not failures


def verdict(win: dict, opened: dict, args) -> tuple[bool, bool, str]:
    """(holds, client-bound, why) for one step."""
    lags = [x for v in win["lag"].values() for x in v]
    q = percentile(lags, args.lag_quantile)
    requests = sum(win["status"].values()) + sum(win["errors"].values())
    bad = sum(win["errors"].values()) + sum(n for k, n in win["status"].items() if not good_status(k))
    why = []
    if not lags:
        why.append("no guess reached any view")
    elif q > args.lag_limit:
        why.append(f"p{args.lag_quantile:g} lag {q:.2f} s > {args.lag_limit} s")
    hq = percentile(win["human_lag"], args.lag_quantile)
    if win["human_lag"] and hq > args.lag_limit:
        why.append(f"people's guesses: p{args.lag_quantile:g} lag {hq:.2f} s > {args.lag_limit} s")
    missed = sum(win["missed"].values())
    if missed:
        why.append(f"{missed} guesses missed")
    if requests and bad / requests > 0.01:
        why.append(f"{bad / requests:.1%} requests failed")
    if opened["failures"]:
        why.append(f"{sum(opened['failures'].values())} sessions failed to open")
    client_bound = max(win["cpu"]["clients"]) > CLIENT_CPU_LIMIT
    if why and max(win["loop_p99"], default=0) > CLIENT_LOOP_LIMIT:
        why.append(f"the client's own loop ran {max(win['loop_p99']) * 1000:.0f} ms late (p99)")
    if why and win["cpu"]["not_ours"] > OTHERS_LIMIT:
        why.append(f"other work on the machine took {win['cpu']['not_ours']:.2f} cores")
    return not why, client_bound, "; ".join(why) or "holds"


def good_status(key: str) -> bool:
    """A request that did what it should ("route status"): 2xx, 304, 404 (a game gone); 429 and 409 for guesses."""
    return key.endswith((" 200", " 304", " 404")) or key in GUESS_OK


def ladder(args, processes: int = 1) -> list[int]:
    """The steps, in people per process (a configuration of P processes runs P times as many people)."""
    if args.people:
        steps = sorted({int(x) for x in args.people.split(",")})
    else:
        steps = [n for n in DEFAULT_LADDER if n <= args.max_people]
        n = (steps[-1] if steps else 0) + args.step
        while n <= args.max_people:
            steps.append(n)
            n += args.step
    extras = args.players + args.presenters
    return [n * processes for n in steps if n * processes >= extras]


def step_row(p: int, n: int, win: dict, opened_total: dict, ok: bool, client_bound: bool, why: str, args) -> dict:
    """One step's numbers, as the tables and the JSON file carry them."""
    lags = [x for v in win["lag"].values() for x in v]
    secs = win["seconds"]
    requests = sum(win["status"].values())
    polls = sum(v for k, v in win["status"].items() if k.split()[0] in ("board", "live"))
    p304 = sum(v for k, v in win["status"].items() if k.split()[0] in ("board", "live") and k.endswith(" 304"))
    poll_rtt = win["rtt"].get("board", []) + win["rtt"].get("live", [])
    cpu = win["cpu"]
    return {
        "processes": p, "people": n, "ws_open": win["ws_open"], "ws_closed_by_server": win["ws_closed_by_server"],
        "mix": dict(win["people"]), "lag_n": len(lags),
        "lag_p50": percentile(lags, 50), "lag_p95": percentile(lags, 95), "lag_p99": percentile(lags, 99),
        "lag_max": max(lags, default=float("nan")),
        "lag_over": sum(1 for x in lags if x > args.lag_limit) / len(lags) if lags else float("nan"),
        "player_lag_p95": percentile(win["lag"].get("player", []), 95),
        "missed": sum(win["missed"].values()),
        "rtt_p50": percentile(poll_rtt, 50), "rtt_p95": percentile(poll_rtt, 95),
        "frame_rtt_p95": percentile(win["rtt"].get("frame", []), 95),
        "gap_p99": percentile(win["gaps"], 99), "gap_max": max(win["gaps"], default=float("nan")),
        "req_s": requests / secs, "share_304": p304 / polls if polls else float("nan"),
        "kB_s": win["bytes_in"] / secs / 1000, "errors": dict(win["errors"]),
        "bad_status": {k: v for k, v in win["status"].items() if not good_status(k)},
        "open_run_p50": percentile(opened_total["run"], 50), "open_run_p95": percentile(opened_total["run"], 95),
        "open_failures": opened_total["failures"], "opened": opened_total["opened"],
        "open_cpu_ms": (1000 * opened_total.get("server_cpu_s", 0) / opened_total["opened"]
                        if opened_total["opened"] else float("nan")),
        "open_s": opened_total.get("seconds", 0.0),
        "server_cpu": cpu["servers"], "client_cpu": cpu["clients"], "driver_cpu": cpu["driver"],
        "machine": cpu["machine"], "not_ours": cpu["not_ours"], "rss": win["rss"], "tcp": win["tcp"],
        "loop_p99": max(win["loop_p99"], default=float("nan")), "gc_pauses": win["gc_pauses"],
        "server_gc": win["server_gc"],
        "driver_write_p95_ms": percentile(win["driver"]["write_s"], 95) * 1000,
        "driver_write_max_ms": max(win["driver"]["write_s"], default=float("nan")) * 1000,
        "driver_errors": win["driver"]["errors"], "guesses_written": win["driver"]["guesses"],
        "later_msgs": dict(win["later_msgs"]), "holds": ok, "client_bound": client_bound, "why": why,
        "guessing": args.guessing_now, "guessers": win["people"].get("guesser", 0),
        "human_lag_n": len(win["human_lag"]), "human_lag_p50": percentile(win["human_lag"], 50),
        "human_lag_p99": percentile(win["human_lag"], 99), "human_missed": win["human_missed"],
        "human_late": win["human_late"],
        "guess_status": {k.split()[1]: v for k, v in win["status"].items() if k.startswith("guess ")},
        "guess_errors": sum(v for k, v in win["errors"].items() if k.startswith("guess:")),
        "guesses_s": win["status"].get("guess 200", 0) / secs, "probes_s": win["driver"]["guesses"] / secs,
        "guess_rtt_p50": percentile(win["rtt"].get("guess", []), 50),
        "guess_rtt_p99": percentile(win["rtt"].get("guess", []), 99),
        "visits_s": len(win["visits"]) / secs, "visit_run_p95": percentile(win["visits"], 95),
        "switches_s": win["switches"] / secs, "next_game": args.next_game, "label": args.label,
    }


def idle_sessions_check(servers, clients, driver, args, urls) -> dict:
    """Server CPU and RSS with no one connected, then with `--idle-sessions` sessions that never poll."""
    base = measure(servers, clients, driver, args.seconds)
    per_client = [[] for _ in clients.conns]
    for i in range(args.idle_sessions):
        per_client[i % len(per_client)].append(PersonSpec("idle", urls[i % len(urls)]))
    a = sample(servers, clients)
    opened = add_people(clients, per_client)
    b = sample(servers, clients)
    time.sleep(args.settle)
    held = measure(servers, clients, driver, args.seconds)
    clients.all("drop_all")
    time.sleep(args.settle)
    after = [rss_mb(s.pid) for s in servers]
    return {"sessions": opened["opened"], "failures": opened["failures"], "run_p50": percentile(opened["run"], 50),
            "run_p95": percentile(opened["run"], 95), "cpu_base": sum(base["cpu"]["servers"]),
            "cpu_held": sum(held["cpu"]["servers"]), "rss_base": sum(base["rss"]), "rss_held": sum(held["rss"]),
            "rss_after_close": sum(after), "ws_open": held["ws_open"], "later_msgs": dict(held["later_msgs"]),
            "tcp": sum(held["tcp"]),
            "open_cpu_ms": 1000 * sum(y - x for x, y in zip(a.servers, b.servers)) / max(1, opened["opened"])}


def run_config(p: int, args, root: Path, secret: str, guessing: float = 0.0, log=print) -> dict:
    """One configuration: `p` server processes on one database file, a share `guessing` of the spectators
    guessing, the ramp, every step's numbers."""
    from core.identity import new_player_token, player_from_token
    from core.store import Store
    args.guessing_now = guessing
    rng = random.Random(args.seed + p)
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-sessions-{p}p-"))
    data = workdir / "data"
    data.mkdir()
    env = {"GAME_SECONDS": str(args.game_seconds), "MAX_CONCURRENT_GAMES": "2", "PLAYER_SECRET": secret,
           "PUBLIC_URL": "https://arena.example.com"}
    run = secrets.token_hex(4)
    players = []
    for _ in range(args.games):
        token = new_player_token(secret.encode(), rng)
        players.append((token, player_from_token(token, secret.encode())))
    guessers = []  # every guessing person the ramp can reach, signed as the app signs a new visitor
    for _ in range(math.ceil(guessing * max(ladder(args, p), default=0))):
        token = new_player_token(secret.encode(), rng)
        guessers.append((token, player_from_token(token, secret.encode())))
    servers = start_servers(root, p, data, env)
    urls = [s.url for s in servers]
    if guessers:
        seeder = Store(data / "pictionary.db")
        seed_guessers(seeder, guessers, time.time())
        seeder.close()
    log(f"\n## {p} process{'es' if p > 1 else ''}, {guessing:.0%} of the spectators guessing"
        f"{f' (one guess each every {args.guessing_every:g} s)' if guessing else ''}: "
        f"{', '.join(urls)} on {data / 'pictionary.db'}")
    clients = Clients(args.clients, args.connect_concurrency)
    driver = Driver(data / "pictionary.db", run, players, args.guess_every, args.frame_every, args.game_length,
                    args.game_seconds, rng)
    out = {"processes": p, "guessing": guessing, "steps": [], "idle": None, "label": args.label,
           "next_game": args.next_game}
    try:
        driver.start()
        time.sleep(2)
        if p == 1 and args.idle_sessions and guessing == args.guessing[0]:
            out["idle"] = idle_sessions_check(servers, clients, driver, args, urls)
            i = out["idle"]
            log(f"  idle sessions: {i['sessions']} open, server {i['cpu_base']:.3f} -> {i['cpu_held']:.3f} cores, "
                f"RSS {i['rss_base']:.0f} -> {i['rss_held']:.0f} MB ({i['rss_after_close']:.0f} after closing)")
        have = 0
        started = time.monotonic()
        profiled: list[int] = []  # steps py-spy sampled ("--profile-at fail": the first that failed)

        def step(n: int, refine: bool = False) -> dict:
            nonlocal have
            if n > have:
                specs = plan_people(have, n, urls, len(clients.conns), players[:args.players], run, args.presenters,
                                    guessing, guessers, args.guessing_every, args.tracers, args.next_game)
                a = sample(servers, clients)
                opened = add_people(clients, specs)
                b = sample(servers, clients)
                opened["server_cpu_s"] = sum(y - x for x, y in zip(a.servers, b.servers))
                opened["seconds"] = b.at - a.at
            else:  # fewer people: the last arrivals leave
                clients.all("trim", [len(c) for c in plan_people(n, have, urls, len(clients.conns), [], run, 0)])
                opened = {"opened": 0, "failures": {}, "run": [], "connect": [], "server_cpu_s": 0.0, "seconds": 0.0}
            have = n
            time.sleep(args.settle)
            for attempt in range(args.retries + 1):
                win = measure(servers, clients, driver, args.seconds, args.lag_limit)
                ok, client_bound, why = verdict(win, opened, args)
                if ok or win["cpu"]["not_ours"] <= OTHERS_LIMIT or attempt == args.retries:
                    break
                log(f"  N={n}: {why}; measuring again")
            row = step_row(p, n, win, opened, ok, client_bound, why, args)
            row["retried"], row["refine"] = attempt, refine
            out["steps"].append(row)
            print_step(row)
            if args.profile and (n in args.profile_at or (args.profile_fail and not row["holds"] and not refine
                                                          and not profiled)):
                profiled.append(n)
                profile(servers, args, n, p)
            return row

        good, bad = 0, None
        for n in ladder(args, p):
            row = step(n)
            if row["client_bound"]:
                break
            if not row["holds"]:
                bad = n
                break
            good = n
            if time.monotonic() - started > args.budget:
                log(f"  (stopping: this configuration's time budget of {args.budget:.0f} s is spent)")
                break
        for _ in range(args.refine if bad else 0):  # halve the last interval: held at `good`, failed at `bad`
            mid = int(round((good + bad) / 2 / (10 * p)) * 10 * p)  # a multiple of 10 people per process
            if not good < mid < bad:
                break
            row = step(mid, refine=True)
            if row["client_bound"]:
                break
            if row["holds"]:
                good = mid
            else:
                bad = mid
        out["held"], out["failed_at"] = good, bad
    finally:
        clients.stop()
        driver.stop()
        for s in servers:
            s.stop()
        out["logs"] = {s.url: s.log_path.read_text()[-2000:] for s in servers}
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return out
