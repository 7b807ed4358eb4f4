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


@pytest.mark.parametrize("since_s, base, frozen, cores, due", [
    (10, 100_000, 3_000_000, 0.0, False),  # never twice within THAW_MIN_SECONDS, even past the memory bound
    (60, 100_000, 120_000, 0.0, False),  # quiet, but nothing grew and the thaw's time has not come
    (60, 100_000, 160_000, 0.0, True),  # quiet, grown by half: thawed
    (60, 100_000, 160_000, 1.0, False),  # grown by half while a room keeps the process busy: put off
    (700, 100_000, 110_000, 0.6, False),  # its time came while busy: put off too
    (700, 100_000, 110_000, 0.1, True),  # ...and taken once quiet
    (60, 100_000, 210_000, 1.0, False),  # doubled, but by live sessions of a room arriving (under a million): put off
    (60, 100_000, 1_100_001, 1.0, True),  # doubled and a million more: thawed however busy (memory stays bounded)
    (60, 3_000_000, 4_100_000, 1.0, False),  # a million more on a big heap, not doubled: put off
    (60, 3_000_000, 6_000_001, 1.0, True),  # a big heap doubled: thawed however busy
])
def test_a_busy_process_thaws_only_past_the_memory_bound_doubled_and_a_million_objects_more(since_s, base, frozen,
                                                                                             cores, due):
    from core.collector import thaw_due
    assert thaw_due(since_s, frozen, base, cores, thaw_s=600) is due


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
from core.collector import parse_gc_tuning, tune_collector
tune_collector(parse_gc_tuning("on"))
counter = collector._refreezer
est0, real0 = counter.frozen, gc.get_freeze_count()
kept = []
for i in range(200_000):
    a = {"n": i}; a["me"] = a  # a cycle that lives on
    kept.append(a)
    b = {"n": i}; b["me"] = b  # one that dies at once (freed by the young collections, never frozen)
    del b
print(json.dumps({"estimated": counter.frozen - est0, "real": gc.get_freeze_count() - real0,
                  "collections": counter.collections}))
"""


def test_the_thaw_counts_what_was_frozen_without_walking_the_frozen_heap():
    # gc.get_freeze_count() walks every frozen object holding the GIL (tens of ms at a room's heap): the thaw's
    # check every few seconds reads the count the collections' callback keeps instead, which must stay close.
    out = json.loads(subprocess.run([sys.executable, "-c", COUNT], cwd=ROOT, capture_output=True, text=True,
                                    check=True).stdout)
    assert out["collections"] >= 10 and out["real"] >= 150_000, out  # the last young ones not collected yet
    assert abs(out["estimated"] - out["real"]) <= 0.1 * out["real"], out
