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


def test_an_unknown_gc_tuning_is_refused_at_start_up():
    with pytest.raises(SettingsError):
        Settings.load({"GC_TUNING": "fast"})


def test_the_app_tunes_its_collector_once_it_has_started(tmp_path):
    server = start_app(tmp_path, ready=ENGINE_READY)
    try:
        line = re.search(r"GC_TUNING=on: ([\d,]+) start-up objects frozen.*thresholds \((\d+), (\d+), (\d+)\)",
                         server.log_tail(20000))
        assert line, server.log_tail()
        assert int(line.group(1).replace(",", "")) > 0
        assert tuple(int(g) for g in line.groups()[1:]) == (10000, 10, 10)
    finally:
        server.stop()
