"""GC_TUNING: the garbage collector is tuned as the setting says once the app has started (no timing here:
the pauses are measured by bench/gc_pauses.py)."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from harness import ENGINE_READY, start_app

from core.settings import ROOT, Settings, SettingsError

APPLY = """
import gc, json, sys
from core.collector import parse_gc_tuning, tune_collector
from core.settings import Settings
before = gc.get_threshold()
said = tune_collector(parse_gc_tuning(Settings.load({"GC_TUNING": sys.argv[1]}).GC_TUNING))
kept = [object() for _ in range(10)], {}
kept[1]["me"] = kept  # a live cycle made after start-up
frozen_before = gc.get_freeze_count()
gc.collect()
print(json.dumps({"said": said, "before": before, "thresholds": gc.get_threshold(), "frozen": frozen_before,
                  "refrozen": gc.get_freeze_count() > frozen_before}))
"""


def applied(mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", APPLY, mode], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("mode, frozen, thresholds, refrozen", [
    ("on", True, [10000, 10, 10], True),
    ("startup", True, None, False),  # None: Python's own thresholds, untouched
    ("off", False, None, False),
])
def test_each_gc_tuning_freezes_and_sets_thresholds_as_it_says(mode, frozen, thresholds, refrozen):
    out = applied(mode)
    assert (out["frozen"] > 0, out["thresholds"], out["refrozen"]) == (frozen, thresholds or out["before"], refrozen), out
    assert out["said"].startswith(f"GC_TUNING={mode}:")


@pytest.mark.parametrize("since_s, base, heap, cores, due", [
    (10, 100_000, 3_000_000, 0.0, False),  # never twice within THAW_MIN_SECONDS, even past the memory bound
    (60, 100_000, 120_000, 0.0, False),  # quiet, but nothing grew and the thaw's time has not come
    (60, 100_000, 160_000, 0.0, True),  # quiet, grown by half: thawed
    (60, 100_000, 160_000, 1.0, False),  # grown by half while a room keeps the process busy: put off
    (700, 100_000, 110_000, 0.6, False),  # its time came while busy: put off too
    (700, 100_000, 110_000, 0.1, True),  # ...and taken once quiet
    (60, 100_000, 210_000, 1.0, False),  # doubled, but by live sessions of a room arriving: put off
    (60, 552_000, 1_640_000, 1.0, False),  # tripled by 500 phones guessing, 1.1 million live objects: put off
    (60, 100_000, 4_100_001, 1.0, True),  # doubled and four million more: thawed however busy (memory stays bounded)
    (60, 5_000_000, 9_000_000, 1.0, False),  # four million more on a big heap, not doubled: put off
    (60, 5_000_000, 10_000_001, 1.0, True),  # a big heap doubled: thawed however busy
])
def test_a_busy_process_thaws_only_past_the_memory_bound_doubled_and_four_million_objects_more(since_s, base, heap,
                                                                                             cores, due):
    from core.collector import thaw_due
    assert thaw_due(since_s, heap, base, cores, thaw_s=600) is due


def test_an_unknown_gc_tuning_is_refused_at_start_up():
    with pytest.raises(SettingsError):
        Settings.load({"GC_TUNING": "fast"})


def test_the_app_tunes_its_collector_and_slows_streamlit_s_config_polling_once_it_has_started(tmp_path):
    server = start_app(tmp_path, ready=ENGINE_READY)
    try:
        log = server.log_tail(20000)
        line = re.search(r"GC_TUNING=on: ([\d,]+) start-up objects frozen.*thresholds \((\d+), (\d+), (\d+)\)", log)
        assert line, server.log_tail()
        assert int(line.group(1).replace(",", "")) > 0
        assert tuple(int(g) for g in line.groups()[1:]) == (10000, 10, 10)
        assert "config and secrets files are looked at every 10 s" in log, \
            "this Streamlit polls its config files some other way: look again at core.resources.slow_config_polling"
    finally:
        server.stop()


COUNT = """
import gc, json
from core import collector
from core.collector import heap_size, parse_gc_tuning, tune_collector
tune_collector(parse_gc_tuning("on"))
start = heap_size()
inflight = []
for i in range(1_000_000):  # a room's requests: alive across young collections (so frozen), then freed
    inflight.append({"req": i, "body": [i, i + 1]})
    if len(inflight) > 30_000:
        inflight = inflight[15_000:]
inflight = []
churned = heap_size() - start
kept = []
for i in range(200_000):  # closed sessions' garbage cycles, frozen out of collections until a thaw
    a = {"n": i}; a["me"] = a
    kept.append(a)
kept = []  # garbage now, but frozen: reference counting cannot free a cycle
print(json.dumps({"churned": churned, "cycles": heap_size() - start - churned,
                  "collections": collector._refreezer.collections}))
"""


def test_the_heap_the_thaw_watches_ignores_what_reference_counting_frees_and_keeps_frozen_cycles():
    # The thaw's bound was once a count of what each collection froze: a room's requests, frozen while alive and
    # freed by reference counting later, raised it forever, and a busy room was thawed for 300 ms among its
    # guesses. The heap it watches now is what is alive (and gc.get_freeze_count(), which walks every frozen
    # object holding the GIL, is never read on the way).
    out = json.loads(subprocess.run([sys.executable, "-c", COUNT], cwd=ROOT, capture_output=True, text=True,
                                    check=True).stdout)
    assert out["collections"] >= 50, out  # the requests did live through young collections
    assert out["churned"] < 100_000, out  # three million objects made and freed: next to nothing left
    assert out["cycles"] >= 200_000, out  # the frozen garbage cycles are all still counted


STARTED = """
import json
from core import collector
from core.collector import heap_size, parse_gc_tuning, thaw_due, tune_collector
tune_collector(parse_gc_tuning("on"))  # at the server's start, before the engine is built
engine = [{"sdk": i} for i in range(300_000)]  # what building the engine loads: kept for the process's life
grown = thaw_due(60, heap_size(), collector._refreezer.base, 0.0)
collector.started()
print(json.dumps({"before": grown, "after": thaw_due(60, heap_size(), collector._refreezer.base, 0.0)}))
"""


def test_what_start_up_loads_after_the_tuning_is_not_growth_that_thaws_the_first_room():
    out = json.loads(subprocess.run([sys.executable, "-c", STARTED], cwd=ROOT, capture_output=True, text=True,
                                    check=True).stdout)
    assert out == {"before": True, "after": False}, out
