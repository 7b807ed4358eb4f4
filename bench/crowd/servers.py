"""The app's server processes: `streamlit run` of a checkout (tests/harness.py), several on one SQLite file."""
from __future__ import annotations

import os
import time
from pathlib import Path

import browser_common  # noqa: F401  (puts tests/ on sys.path: harness.py)
from harness import ENGINE_READY, AppServer, app_env

GC_PROBE = '''
# Written by bench/sessions.py for the servers it starts (on PYTHONPATH, only where BENCH_GC_LOG is set):
# log every full garbage collection's pause, so the bench can tell GC pauses from other waits.
import os
if os.environ.get("BENCH_GC_LOG"):
    import gc, time
    _log = open(os.environ["BENCH_GC_LOG"], "a", buffering=1)
    _t0 = [0.0]
    def _probe(phase, info):
        if info.get("generation") != 2:
            return
        if phase == "start":
            _t0[0] = time.perf_counter()
        else:
            _log.write(f"{time.time():.3f} {time.perf_counter() - _t0[0]:.6f} {info.get('collected', 0)}\\n")
    gc.callbacks.append(_probe)
'''


def server_gc_pauses(server: AppServer, since: float, until: float) -> list[float]:
    """A server's full-collection pauses (s) between two wall times, from its probe's log."""
    try:
        rows = [line.split() for line in Path(server.env["BENCH_GC_LOG"]).read_text().splitlines()]
    except FileNotFoundError:
        return []
    return [float(r[1]) for r in rows if len(r) >= 2 and since <= float(r[0]) <= until]


def start_servers(root: Path, n: int, data_dir: Path, env_extra: dict, timeout: float = 120.0) -> list[AppServer]:
    """`n` servers of `root` on free ports, all on one database file; each has built its engine when this returns."""
    env = app_env(data_dir, PICTIONARY_DB=str(data_dir / "pictionary.db"), **env_extra)
    probe_dir = data_dir.parent / "gcprobe"
    probe_dir.mkdir(exist_ok=True)
    (probe_dir / "sitecustomize.py").write_text(GC_PROBE)
    env["PYTHONPATH"] = os.pathsep.join([str(probe_dir), *filter(None, [os.environ.get("PYTHONPATH")])])
    servers = [AppServer({**env, "BENCH_GC_LOG": str(data_dir.parent / f"gc-{i}.log")},
                         data_dir.parent / f"streamlit-{i}.log", root=root).start() for i in range(n)]
    deadline = time.monotonic() + timeout
    try:
        for s in servers:
            # /api/health builds the engine (the lobby closes games left active at that moment): before the driver starts
            s.wait_ready(ENGINE_READY, max(1.0, deadline - time.monotonic()))
    except RuntimeError:
        for s in servers:
            s.stop()
        raise
    return servers


def tcp_established(port: int) -> int:
    """Established TCP connections to a local port (websockets + keep-alive HTTP), from /proc/net/tcp."""
    n = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    parts = line.split()
                    if parts[3] == "01" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                        n += 1
        except FileNotFoundError:
            pass
    return n
