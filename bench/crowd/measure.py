"""One measured window: CPU from /proc, every client's numbers merged, and the lag of every guess on every view."""
from __future__ import annotations

import bisect
import math
import os
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from browser_common import machine_cpu, process_cpu, rss_mb

from .servers import server_gc_pauses, tcp_established

if TYPE_CHECKING:
    from harness import AppServer

    from .clients import Clients
    from .driver import Driver

PROBES_BEFORE = 10.0  # s: the driver's guesses written this long before a window can still count in it


def percentile(values, q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[max(0, min(len(s) - 1, math.ceil(q / 100 * len(s)) - 1))]


@dataclass
class Cpu:
    """CPU seconds so far of the servers, the clients and this process, and the machine's busy time."""

    at: float
    servers: list[float]
    clients: list[float]
    me: float
    busy: float


def sample(servers: list[AppServer], clients: Clients) -> Cpu:
    """The CPU counters now."""
    busy, _ = machine_cpu()
    return Cpu(time.monotonic(), [process_cpu(s.pid) for s in servers], [process_cpu(p) for p in clients.pids],
               process_cpu(os.getpid()), busy)


def cpu_rates(a: Cpu, b: Cpu) -> dict:
    """Cores used between two samples: per server, per client, the driver, the machine, and not ours."""
    secs = b.at - a.at
    servers = [(y - x) / secs for x, y in zip(a.servers, b.servers)]
    clients = [(y - x) / secs for x, y in zip(a.clients, b.clients)]
    me = (b.me - a.me) / secs
    machine = (b.busy - a.busy) / secs
    return {"servers": servers, "clients": clients, "driver": me, "machine": machine,
            "not_ours": max(0.0, machine - sum(servers) - sum(clients) - me)}


def merge(snaps: list[dict]) -> dict:
    """One window's numbers from every client process."""
    out = {"views": [], "tracers": [], "visits": [], "switches": 0, "rtt": defaultdict(list), "status": Counter(),
           "errors": Counter(), "gaps": [], "loop_late": [], "gc_pauses": [], "bytes_in": 0,
           "ws_open": 0, "ws_closed_by_server": 0,
           "later_msgs": Counter(), "people": Counter(), "loop_p99": []}
    for s in snaps:
        out["views"].extend(s["views"])
        out["tracers"].extend(s["tracers"])
        out["visits"].extend(s["visits"])
        out["switches"] += s["switches"]
        for k, v in s["rtt"].items():
            out["rtt"][k].extend(v)
        out["status"].update(s["status"])
        out["errors"].update(s["errors"])
        out["gaps"].extend(s["gaps"])
        out["loop_late"].extend(s["loop_late"])
        out["gc_pauses"].extend(s["gc_pauses"])
        out["loop_p99"].append(percentile(s["loop_late"], 99))
        out["bytes_in"] += s["bytes_in"]
        out["ws_open"] += s["ws_open"]
        out["ws_closed_by_server"] += s["ws_closed_by_server"]
        out["later_msgs"].update(s["later_msgs"])
        out["people"].update(s["people"])
    return out


def reflect(views: list[dict], probes: list[tuple], tracers: list[tuple], w0: float, w1: float,
            limit: float, ended: dict | None = None) -> dict:
    """The lag of every guess on every view that should show it, from what the views' answers showed.

    A guess is on a view's screen from the first answer that shows it, or that shows a newer guess
    whose row was certainly stored after it (then it was in that answer's state, and the board's last 8
    had moved past it): for the driver's guess K, a later driver guess of that game, or a person's guess
    sent after K was stored; for a person's guess, any guess of that game sent after its POST was
    answered. `probes`: the driver's (game, slot, k, written, stored); `tracers`: (game, id, sent,
    answered). A driver's guess a view has not shown `limit` s after it was written (by the window's end
    or the view's close, or the game's end: `ended`, game -> when) is MISSED; a person's guess not shown
    so counts in their lags with the time it was not shown for (a lower bound, over the limit), since
    people guess to a game's last second: one sent less than `limit` s before its game left the board
    (which shows running games only; the play page still shows it) is counted apart (`late`)."""
    ended = ended or {}
    by_game: dict[str, list] = defaultdict(list)
    slots: dict[int, set] = defaultdict(set)
    for game, slot, k, t, stored in probes:
        by_game[game].append((k, t, stored))
        slots[slot].add(game)
    traced: dict[str, list] = defaultdict(list)
    for game, gid, sent, answered in tracers:
        if sent >= w0:
            traced[game].append((gid, sent, answered))
    lag, missed, human, human_missed, late = defaultdict(list), Counter(), [], 0, 0
    for v in views:
        if not v["joined"]:
            continue
        end = v["ended"] or w1
        scope = v["scope"]
        if not scope:
            games = set(by_game) | set(traced)
        elif scope[0] == "slot":
            games = slots.get(scope[1], set())
        else:
            games = {scope[1]}
        for game in games:
            until = end if scope and scope[0] == "slot" else min(end, ended.get(game, end))
            env = v["env"].get(game, [])
            ks, ts = [e[1] for e in env], [e[2] for e in env]
            k0, t0 = v["init"].get(game, (0, 0.0))
            for k, t, stored in by_game.get(game, ()):
                if t < v["joined"] or t > end or k0 >= k or t0 >= stored:
                    continue  # written before the view came or after it went, or shown before the window
                i = min(bisect.bisect_left(ks, k), bisect.bisect_left(ts, stored))
                if i < len(env):
                    lag[v["kind"]].append(env[i][0] - t)
                elif until - t > limit:
                    missed[v["kind"]] += 1
            for gid, sent, answered in traced.get(game, ()):
                if sent < v["joined"] or answered > end:
                    continue
                i = bisect.bisect_left(ts, answered)
                seen = [x for x in (v["traced"].get(gid), env[i][0] if i < len(env) else None) if x is not None]
                if seen:
                    human.append(min(seen) - sent)
                elif until - sent > limit:  # not shown in time: its lag is at least this, and counts so
                    human.append(until - sent)
                    human_missed += 1
                elif end - sent > limit:
                    late += 1
    return {"lag": lag, "missed": missed, "human_lag": human, "human_missed": human_missed, "human_late": late}


def measure(servers: list[AppServer], clients: Clients, driver: Driver, seconds: float, lag_limit: float = 1.5) -> dict:
    """One window of `seconds`: every client's numbers, the lag, CPU, RSS, connections and GC pauses."""
    w0 = time.time()
    clients.all("reset")
    driver.take_stats()
    a = sample(servers, clients)
    t0 = time.time()
    time.sleep(seconds)
    b = sample(servers, clients)
    t1 = time.time()
    snaps = clients.all("collect")
    win = merge(snaps)
    win.update(reflect(win.pop("views"), driver.probes_between(w0 - PROBES_BEFORE, t1), win["tracers"], w0, t1,
                       lag_limit, driver.ended_games()))
    win["cpu"] = cpu_rates(a, b)
    win["seconds"] = b.at - a.at
    win["driver"] = driver.take_stats()
    win["rss"] = [rss_mb(s.pid) for s in servers]
    win["tcp"] = [tcp_established(s.port) for s in servers]
    win["server_gc"] = [server_gc_pauses(s, t0, t1) for s in servers]
    return win
