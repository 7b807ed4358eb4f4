"""Shared pieces of the browser benches: a `streamlit run` server of any checkout, Chromium, page probes.

The benches start the app the way a deployment does (`streamlit run ENTRY` in the checkout, with its
own `.streamlit/config.toml`), open headless Debian Chromium with Playwright, and read what they need
from outside: the server's CPU time from /proc, the app's SQLite database, and counters that an init
script keeps in every page (websocket messages, animation frames, the first time a token shows).

Everything that knows today's page layout is in `Pages` below, so a rewritten page needs edits there only.
"""
from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent  # the checkout these bench files live in: the default --root
sys.path.insert(0, str(REPO / "tests"))  # harness.py, fake_providers.py: bench infrastructure, not the code measured
sys.path.insert(0, str(BENCH))

from harness import CHROMIUM, CHROMIUM_ARGS, AppServer, free_port, launch_chromium, mouse_stroke, start_app, temp_workdir  # noqa: E402,F401
from harness import wait_for as wait_until  # noqa: E402,F401  (poll a predicate until true or timeout)
from pool_overhead import percentile  # noqa: E402,F401  (the benches' shared nearest-rank percentile)

VIEWPORT = {"width": 1400, "height": 1000}


class Pages:
    """Today's URLs, selectors and texts, in one place: adapt these when the pages are rewritten."""

    PLAY = "/"
    SPECTATE = "/Spectate"
    PRESENT = "/Spectate?present=1"
    LEADERBOARD = "/Leaderboard"
    PLAY_BUTTON = "Play"  # a button's accessible name (substring, as get_by_role matches)
    GIVE_UP_BUTTON = "Give up"
    WORD_HEADING = ("h2", "Draw:")  # tag and text of the heading that names the word to draw
    WORD_AT = re.compile(r"Draw:\s*(.+?)\s*$")
    CANVAS = "canvas"  # the drawing surface is the last one (fabric.js puts its event layer on top)
    SPECTATOR_READY = "Game 1"  # text a spectator page shows once it lists the running game
    PRESENTER_READY = "Join at"
    LEADERBOARD_READY = "Leaderboard"


# -- the server ------------------------------------------------------------------------------------

Server = AppServer  # one `streamlit run` of one checkout (tests/harness.py): url, pid, query(), stop()


def start_server(root: Path, entry: str, env_extra: dict[str, str], words: str | None = "square\ncircle\ntriangle\n",
                 timeout: float = 90.0, st_options: list[str] = ()) -> Server:
    """`streamlit run ROOT/ENTRY` on a free port, cwd ROOT (its .streamlit/config.toml applies), fresh data dir
    in a temp directory that goes when the server stops.

    `words` is the word list's text (None: the checkout's own words.txt). `st_options` are extra Streamlit
    config options ("runner.postScriptGC=false"), for experiments only.
    """
    root = Path(root).resolve()
    if entry == "auto":  # the checkout's own entry point: app.py where it has one (st.App), else Home.py
        entry = "app.py" if (root / "app.py").exists() else "Home.py"
    return start_app(temp_workdir("bench-server-"), env_extra, words, root=root, entry=entry, st_options=st_options,
                     timeout=timeout, remove_on_stop=True)


def labels(roots) -> list[str]:
    """A unique label per checkout (its path; '#2' and so on when one is given twice)."""
    out = []
    for r in roots:
        label, n = str(r), 1
        while label in out:
            n += 1
            label = f"{r}#{n}"
        out.append(label)
    return out


# -- CPU from /proc ----------------------------------------------------------------------------------

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str]:
    with open(f"/proc/{pid}/stat") as f:
        raw = f.read()
    return raw[raw.rindex(")") + 2:].split()  # fields from 3 (state) on; comm may hold spaces


def process_cpu(pid: int) -> float:
    """CPU seconds (utime + stime, all threads) a process has used so far."""
    try:
        f = _stat_fields(pid)
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(f[11]) + int(f[12])) / CLK_TCK


def rss_mb(pid: int) -> float:
    """A process's resident memory in MB (VmRSS)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def descendants(pid: int) -> set[int]:
    """Every living process below `pid`."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                children.setdefault(int(_stat_fields(int(d))[1]), []).append(int(d))
            except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
                pass
    out, todo = set(), [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            if c not in out:
                out.add(c)
                todo.append(c)
    return out


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, summed over cores."""
    with open("/proc/stat") as f:
        vals = [int(v) for v in f.readline().split()[1:]]
    idle = vals[3] + vals[4]
    total = sum(vals[:8])
    return (total - idle) / CLK_TCK, total / CLK_TCK


def load_average() -> str:
    """The 1, 5 and 15 minute load averages."""
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


@dataclass
class CpuSample:
    """A moment's CPU counters: the server, the browser (our other descendants), the machine."""

    at: float
    server: float
    browser: float
    bench: float
    machine_busy: float
    machine_total: float


def sample_cpu(server_pid: int) -> CpuSample:
    """Read every counter at once."""
    ours = descendants(os.getpid())
    browser = sum(process_cpu(p) for p in ours if p != server_pid and p not in descendants(server_pid))
    busy, total = machine_cpu()
    return CpuSample(time.monotonic(), process_cpu(server_pid), browser, process_cpu(os.getpid()), busy, total)


@dataclass
class CpuWindow:
    """CPU used over a window, as fractions of one core (1.0 = one core busy the whole time)."""

    seconds: float
    server: float
    browser: float
    bench: float
    machine: float  # all cores summed: 2.0 is a saturated 2-core machine
    cores: int

    @property
    def other(self) -> float:
        """CPU used by processes that are not ours (other engineers' tests, say)."""
        return max(0.0, self.machine - self.server - self.browser - self.bench)


def cpu_between(a: CpuSample, b: CpuSample) -> CpuWindow:
    """CPU used between two samples."""
    secs = b.at - a.at
    return CpuWindow(secs, (b.server - a.server) / secs, (b.browser - a.browser) / secs, (b.bench - a.bench) / secs,
                     (b.machine_busy - a.machine_busy) / secs, os.cpu_count() or 1)


# -- the browser --------------------------------------------------------------------------------------

# Runs in every page before its own scripts. Counts websocket messages both ways (a Streamlit page sends
# one BackMsg per rerun it asks for, so `sent` counts fragment ticks and interactions) and animation
# frames (a saturated machine paints fewer), and, given a token pattern, records the first Date.now()
# each token appears in the page's visible text: document.body.innerText plus the text of every open
# shadow root and same-origin iframe, polled every POLL_MS (no page-specific selectors).
PROBE_JS = r"""
(() => {
  const b = window.__bench = {sent: 0, sentBytes: 0, recv: 0, recvBytes: 0, frames: 0, fetches: 0, fetchBytes: 0,
                              seen: {}, polls: 0};
  const size = d => typeof d === 'string' ? d.length : (d.byteLength ?? d.size ?? 0);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', e => { b.recv++; b.recvBytes += size(e.data); });
    }
    send(d) { b.sent++; b.sentBytes += size(d); return super.send(d); }
  };
  const tick = () => { b.frames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  new PerformanceObserver(list => {  // HTTP fetches (st.image's media files, component assets)
    for (const e of list.getEntries()) { b.fetches++; b.fetchBytes += e.transferSize || 0; }
  }).observe({type: 'resource', buffered: true});
  const pattern = __PATTERN__;
  if (!pattern) return;
  const re = new RegExp(pattern, 'g');
  const texts = (root, out) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        for (const c of el.shadowRoot.children) out.push(c.innerText ?? c.textContent ?? '');
        texts(el.shadowRoot, out);
      }
      if (el.tagName === 'IFRAME') {
        try {
          const d = el.contentDocument;
          if (d && d.body) { out.push(d.body.innerText); texts(d, out); }
        } catch (e) {}  // a cross-origin frame: not ours to read
      }
    }
    return out;
  };
  const poll = () => {
    b.polls++;
    if (!document.body) return;
    const now = Date.now();
    const all = texts(document, [document.body.innerText]).join('\n');
    for (const m of all.matchAll(re)) if (!(m[0] in b.seen)) b.seen[m[0]] = now;
  };
  setInterval(poll, __POLL_MS__);
})();
"""


def probe_script(pattern: str | None = None, poll_ms: int = 20) -> str:
    """The init script, watching for `pattern` (a JS regex source) if given."""
    import json
    return PROBE_JS.replace("__PATTERN__", json.dumps(pattern)).replace("__POLL_MS__", str(poll_ms))


def launch_browser(playwright):
    """Debian's Chromium, headless."""
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"these benches need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    return launch_chromium(playwright)


def open_person(browser, url: str, pattern: str | None = None, wait_text: str | None = None, timeout_ms: int = 30_000):
    """A fresh browser context (a new person: no cookies, no player id) on `url`, probed."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(probe_script(pattern))
    page = context.new_page()
    page.goto(url, timeout=timeout_ms)
    if wait_text:
        page.get_by_text(wait_text).first.wait_for(timeout=timeout_ms)
    return page


def close_person(page) -> None:
    """Close the person's context (their tab and its websocket)."""
    try:
        page.context.close()
    except Exception:  # already gone
        pass


def counters(page) -> dict:
    """The page's probe counters right now."""
    return page.evaluate("() => { const b = __bench; return {sent: b.sent, sentBytes: b.sentBytes, recv: b.recv, "
                         "recvBytes: b.recvBytes, frames: b.frames, fetches: b.fetches, fetchBytes: b.fetchBytes, "
                         "polls: b.polls}; }")


def seen_tokens(page) -> dict[str, float]:
    """Token -> the Unix time (seconds) it first showed on the page."""
    return {k: v / 1000.0 for k, v in page.evaluate("() => __bench.seen").items()}


def start_game(page, timeout_ms: int = 30_000) -> str:
    """Click Play on the play page and return the word to draw."""
    page.get_by_role("button", name=Pages.PLAY_BUTTON).first.click()
    tag, text = Pages.WORD_HEADING
    heading = page.locator(tag, has_text=text)
    heading.wait_for(timeout=timeout_ms)
    return Pages.WORD_AT.search(heading.inner_text()).group(1)


def canvas_box(page, timeout_ms: int = 20_000) -> dict:
    """The drawing canvas's bounding box in page pixels, once it is mounted."""
    canvas = page.locator(Pages.CANVAS).last
    canvas.wait_for(state="visible", timeout=timeout_ms)
    return canvas.bounding_box()


def draw_stroke(page, box: dict, points, steps: int = 5) -> None:
    """One real mouse stroke through `points` (canvas pixels), `steps` interpolated moves per segment."""
    mouse_stroke(page, [(box["x"] + x, box["y"] + y) for x, y in points], steps)
