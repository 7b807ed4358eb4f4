"""Several checkouts side by side: every configuration on each in turn, interleaved, a child run of the bench each."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ENTRY = Path(__file__).resolve().parent.parent / "sessions.py"  # the bench's command line, run once per checkout

OWN_OPTIONS = ("--compare", "--root", "--processes", "--guessing", "--next-game", "--label", "--json", "--idle-sessions")


def without_options(argv: list[str], names: tuple) -> list[str]:
    """`argv` without these options (each takes one value, as "--x v" or "--x=v")."""
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
        elif a in names:
            skip = True
        elif a.split("=", 1)[0] not in names:
            out.append(a)
    return out


def compare(args, argv: list[str], configs: list[int]) -> list[dict]:
    """`--compare ROOT:MODE` given more than once: every configuration on each app in turn (a child run of this
    bench each, fresh servers and data), interleaved, so the apps share the same quiet period."""
    results = []
    common = without_options(argv, OWN_OPTIONS)
    tmp = Path(tempfile.mkdtemp(prefix="bench-sessions-compare-"))
    for p in configs:
        for share in args.guessing:
            for i, item in enumerate(args.compare):
                root, _, mode = item.rpartition(":") if item.endswith((":switch", ":reload")) else (item, "", "")
                mode = mode or args.next_game
                label = f"{Path(root).name} {mode}"
                out = tmp / f"{p}p-{share:g}-{i}.json"
                idle = args.idle_sessions if p == 1 and share == args.guessing[0] and i == 0 else 0
                cmd = [sys.executable, str(ENTRY), *common, "--root", root, "--processes", str(p),
                       "--guessing", f"{share:g}", "--next-game", mode, "--label", label, "--json", str(out),
                       "--idle-sessions", str(idle), "--no-tables"]
                print(f"\n# {label}: {p} process(es), {share:.0%} guessing", flush=True)
                subprocess.run(cmd, check=False)
                try:
                    results.extend(json.loads(out.read_text())["results"])
                except (OSError, ValueError) as exc:
                    print(f"(no results from {label}: {exc})", flush=True)
    shutil.rmtree(tmp, ignore_errors=True)
    return results
