"""The step lines printed as the ramp goes, and the tables and capacity at the end."""
from __future__ import annotations

import os

from .measure import percentile


def fmt(v: float, nd: int = 2) -> str:
    """`v` to `nd` decimals; '-' for NaN."""
    return "-" if v != v else f"{v:.{nd}f}"


def gc_text(pauses: list[float]) -> str:
    """'6 x 77 (max 83)': how many full collections, their median and longest pause in ms."""
    if not pauses:
        return "0"
    return f"{len(pauses)} x {1000 * percentile(pauses, 50):.0f} (max {1000 * max(pauses):.0f})"


def who(r: dict) -> str:
    """A configuration in the tables: its process count, and which app it ran when several were compared."""
    return f"{r['processes']}" + (f" ({r['label']})" if r.get("label") else "")


def print_step(r: dict) -> None:
    """One step's line, as the ramp goes."""
    srv = "+".join(fmt(c) for c in r["server_cpu"])
    cli = "+".join(fmt(c) for c in r["client_cpu"])
    print(f"  N={r['people']:4d} (+{r['opened']} opened in {r['open_s']:.1f} s) "
          f"ws={r['ws_open']:4d} lag p50/p95/p99/max {fmt(r['lag_p50'])}/{fmt(r['lag_p95'])}/"
          f"{fmt(r['lag_p99'])}/{fmt(r['lag_max'])} s, missed {r['missed']}, server {srv} cores, client {cli}, "
          f"machine {fmt(r['machine'])}, not ours {fmt(r['not_ours'])}, RSS {'/'.join(fmt(x, 0) for x in r['rss'])} MB"
          f", server full GCs {' | '.join(gc_text(g) for g in r['server_gc'])}"
          + (f"; {r['guessers']} guessing: {fmt(r['guesses_s'], 1)} guesses/s taken, statuses {r['guess_status']}"
             f" (+{r['guess_errors']} failed), POST p50/p99 {fmt(1000 * r['guess_rtt_p50'], 0)}/"
             f"{fmt(1000 * r['guess_rtt_p99'], 0)} ms, their lag p50/p99 {fmt(r['human_lag_p50'])}/"
             f"{fmt(r['human_lag_p99'])} s (n={r['human_lag_n']}, of which {r['human_missed']} not shown in time; "
             f"{r['human_late']} apart: their game ended first), next game ({r['next_game']}): "
             f"{fmt(r['visits_s'], 1)} page visits/s, {fmt(r['switches_s'], 1)} switches/s"
             if r["guessers"] else "")
          + f" -> {r['why']}{' (client-bound)' if r['client_bound'] else ''}", flush=True)


def print_tables(results: list[dict], args) -> None:
    """The lag, guessing, CPU tables, errors, idle sessions and capacity of every configuration."""
    print("\n### Lag of the live views per step\n")
    print(f"Lag: the driver's guess written -> first answer that shows it (or a newer guess stored after it), every "
          f"view (criterion p{args.lag_quantile:g} <= {args.lag_limit} s, also for the people's guesses when they "
          f"guess; no guess missed, < 1% failed requests).\n")
    print("| processes | guessing | people | ws sessions open | lag p50 s | p95 | p99 | max | > limit | player lag p95 "
          "| missed | poll RTT p50 / p95 ms | frame RTT p95 ms | poll gap p99 / max s | requests/s | 304 share | kB/s in "
          "| new sessions' script run p50 / p95 s | verdict |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for res in results:
        for r in res["steps"]:
            verdict_text = (("holds" if r["holds"] else f"**fails**: {r['why']}")
                            + (" (client-bound)" if r["client_bound"] else ""))
            label = f"{r['people']}" + (" (refine)" if r.get("refine") else "") + (" (re-measured)" if r.get("retried") else "")
            print(f"| {who(r)} | {r['guessing']:.0%} | {label} | {r['ws_open']} | {fmt(r['lag_p50'])} | {fmt(r['lag_p95'])} "
                  f"| {fmt(r['lag_p99'])} | {fmt(r['lag_max'])} | {fmt(100 * r['lag_over'], 1)}% "
                  f"| {fmt(r['player_lag_p95'])} | {r['missed']} "
                  f"| {fmt(1000 * r['rtt_p50'], 1)} / {fmt(1000 * r['rtt_p95'], 1)} | {fmt(1000 * r['frame_rtt_p95'], 1)} "
                  f"| {fmt(r['gap_p99'])} / {fmt(r['gap_max'])} | {fmt(r['req_s'], 0)} | {fmt(100 * r['share_304'], 0)}% "
                  f"| {fmt(r['kB_s'], 0)} | {fmt(r['open_run_p50'])} / {fmt(r['open_run_p95'])} | {verdict_text} |")
    if any(r["guessers"] for res in results for r in res["steps"]):
        print("\n### The room guessing, per step\n")
        print(f"Guessing people POST /api/guess/GAME about every {args.guessing_every:g} s (x0.6-1.4, never within "
              "a second of the last answer); at a game's end, after 2-6 s, they switch to the next running game in "
              "the same page (--next-game switch) or load another game's page, a new Streamlit session (reload). "
              "Their lag: sent -> "
              "first answer of every view of that game that shows it (or a newer guess), tracers' guesses only. "
              "429 (slow down) and 409 (game over) are answers; 5xx and network failures count as failed requests.\n")
        print("| processes | guessing | people | guessers | guesses/s taken | driver guesses/s | answers 200 / 429 / 409 "
              "/ other | failed | POST p50 / p99 ms | people's guesses' lag p50 / p99 s (n) | driver guesses' lag "
              "p50 / p99 s | server CPU cores | next game | page visits/s (run p95 s) | switches/s | verdict |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for res in results:
            for r in res["steps"]:
                st_ = r["guess_status"]
                other = sum(v for k, v in st_.items() if k not in ("200", "429", "409"))
                verdict_text = "holds" if r["holds"] else f"**fails**: {r['why']}"
                print(f"| {who(r)} | {r['guessing']:.0%} | {r['people']} | {r['guessers']} "
                      f"| {fmt(r['guesses_s'], 1)} | {fmt(r['probes_s'], 1)} "
                      f"| {st_.get('200', 0)} / {st_.get('429', 0)} / {st_.get('409', 0)} / {other} "
                      f"| {r['guess_errors'] + sum(v for k, v in st_.items() if k.startswith('5'))} "
                      f"| {fmt(1000 * r['guess_rtt_p50'], 0)} / {fmt(1000 * r['guess_rtt_p99'], 0)} "
                      f"| {fmt(r['human_lag_p50'])} / {fmt(r['human_lag_p99'])} ({r['human_lag_n']}) "
                      f"| {fmt(r['lag_p50'])} / {fmt(r['lag_p99'])} | {fmt(sum(r['server_cpu']))} "
                      f"| {r.get('next_game', 'reload')} | {fmt(r['visits_s'], 1)} ({fmt(r['visit_run_p95'])}) "
                      f"| {fmt(r.get('switches_s', 0.0), 1)} | {verdict_text} |")
    print("\n### CPU, memory and connections per step\n")
    print("CPU in cores (1.0 = one core busy the whole window); the machine has "
          f"{os.cpu_count()} cores.\n")
    print("| processes | guessing | people | server CPU per process | server CPU total | ms/s per person "
          "| server RSS MB per process | TCP conns per process | server CPU per new session, ms "
          "| client CPU per client process | server full GCs per process: count x median ms (max) "
          "| client loop late p99 ms | client full GC max ms | driver CPU | driver write p95 / max ms | machine busy "
          "| not ours |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for res in results:
        for r in res["steps"]:
            total = sum(r["server_cpu"])
            print(f"| {who(r)} | {r['guessing']:.0%} | {r['people']} | {' / '.join(fmt(c) for c in r['server_cpu'])} "
                  f"| {fmt(total)} "
                  f"| {fmt(1000 * total / r['people'], 1)} | {' / '.join(fmt(x, 0) for x in r['rss'])} "
                  f"| {' / '.join(str(x) for x in r['tcp'])} | {fmt(r['open_cpu_ms'], 0)} "
                  f"| {' / '.join(fmt(c) for c in r['client_cpu'])} "
                  f"| {' / '.join(gc_text(g) for g in r['server_gc'])} "
                  f"| {fmt(1000 * r['loop_p99'], 0)} | {fmt(1000 * max(r['gc_pauses'], default=0), 0)} "
                  f"| {fmt(r['driver_cpu'])} "
                  f"| {fmt(r['driver_write_p95_ms'], 1)} / {fmt(r['driver_write_max_ms'], 1)} | {fmt(r['machine'])} "
                  f"| {fmt(r['not_ours'])} |")
    extras = [(who(r), r["people"], r["errors"], r["bad_status"], r["driver_errors"], r["later_msgs"],
               r["ws_closed_by_server"], r["open_failures"])
              for res in results for r in res["steps"]
              if r["errors"] or r["bad_status"] or r["driver_errors"] or r["later_msgs"] or r["ws_closed_by_server"]
              or r["open_failures"]]
    if extras:
        print("\nErrors and surprises (processes, people: client errors, bad statuses, driver errors, "
              "ForwardMsgs to idle pages, websockets the server closed, sessions that failed to open):\n")
        for e in extras:
            print(f"- {e[0]} p, N={e[1]}: {e[2]} {e[3]} {e[4]} {e[5]} closed={e[6]} {e[7]}")
    for res in results:
        i = res.get("idle")
        if i:
            n = max(1, i["sessions"])
            print(f"\n**Idle Streamlit sessions** (1 process; {i['sessions']} websocket sessions that ran Spectate once "
                  f"and never poll; the driver's games running): server CPU {i['cpu_base']:.3f} cores with nobody "
                  f"connected, {i['cpu_held']:.3f} with them: {1000 * (i['cpu_held'] - i['cpu_base']) / n:.2f} ms/s "
                  f"per idle session. RSS {i['rss_base']:.0f} -> {i['rss_held']:.0f} MB "
                  f"({(i['rss_held'] - i['rss_base']) / n:.2f} MB a session), {i['rss_after_close']:.0f} MB after they "
                  f"closed. Opening one cost the server {i['open_cpu_ms']:.0f} ms of CPU (its script run and "
                  f"handshake); the first script run took p50 {fmt(i['run_p50'])} s, p95 {fmt(i['run_p95'])} s; "
                  f"ForwardMsgs they got afterwards: {i['later_msgs'] or 'none'}; failures {i['failures'] or 'none'}.")
    print("\n### Capacity\n")
    held = {}
    for res in results:
        steps = res["steps"]
        best, bad = res.get("held", 0), res.get("failed_at")
        label = res.get("label", "")
        held[label, res["processes"], res["guessing"]] = best
        last = steps[-1] if steps else None
        failed = next((r for r in steps if r["people"] == bad and not r["holds"]), None)
        if last is None:
            end = "no step ran"
        elif last["client_bound"]:
            end = f"stopped at N={last['people']}: the client saturated, so this is a lower bound"
        elif bad is None:
            end = f"still holding at the last step (N={last['people']}): raise --max-people"
        else:
            end = f"fails at N={bad}: {failed['why'] if failed else '?'}"
            if failed:
                end += (f" (servers {' + '.join(fmt(c) for c in failed['server_cpu'])} cores, client "
                        f"{fmt(sum(failed['client_cpu']))}, machine {fmt(failed['machine'])} of {os.cpu_count()} busy)")
        p = res["processes"]
        print(f"- {f'{label}: ' if label else ''}{p} process{'es' if p > 1 else ''}, {res['guessing']:.0%} of the "
              f"spectators guessing: holds **{best}** people ({best / p:.0f} per process); {end}.")
    labels = list(dict.fromkeys(k[0] for k in held))
    for label in labels:
        name = f"{label}: " if label else ""
        for share in args.guessing:
            one, two = held.get((label, 1, share)), held.get((label, 2, share))
            if one and two is not None:
                print(f"- {name}{share:.0%} guessing, two processes / one: **{two / one:.2f}x** ({two} / {one}).")
        for p in sorted({k[1] for k in held if k[0] == label}):
            base = held.get((label, p, 0.0))
            for share in args.guessing:
                if share and base and (label, p, share) in held:
                    print(f"- {name}{p} process{'es' if p > 1 else ''}: {share:.0%} guessing / watching only: "
                          f"**{held[label, p, share] / base:.2f}x** ({held[label, p, share]} / {base}).")
    for label in labels[1:]:  # compared apps: each against the first
        for (first, p, share), base in held.items():
            if first == labels[0] and base and (label, p, share) in held:
                print(f"- {p} process{'es' if p > 1 else ''}, {share:.0%} guessing: {label} / {labels[0]}: "
                      f"**{held[label, p, share] / base:.2f}x** ({held[label, p, share]} / {base}).")
