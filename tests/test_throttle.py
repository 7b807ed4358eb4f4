"""The frame throttle: one frame per interval, unchanged drawings never resent, the last stroke always sent."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.throttle import FrameThrottle


def test_first_frame_goes_at_once_and_the_next_waits_for_the_interval():
    t = FrameThrottle(interval=1.0)
    assert t.offer(b"a", "A", now=0.0) == "A"
    assert t.offer(b"b", "B", now=0.4) is None
    assert t.due(now=0.9) is None
    assert t.due(now=1.0) == "B"


def test_unchanged_drawing_is_not_resent():
    t = FrameThrottle(interval=1.0)
    t.offer(b"a", "A", now=0.0)
    assert t.offer(b"a", "A", now=5.0) is None
    assert t.due(now=10.0) is None


def test_last_stroke_is_sent_on_the_trailing_edge_even_when_drawing_stops():
    t = FrameThrottle(interval=1.0)
    for i, now in enumerate([0.0, 0.2, 0.4, 0.6]):
        t.offer(bytes([i]), f"F{i}", now=now)
    assert t.due(now=1.2) == "F3"
    assert t.due(now=3.0) is None


def test_undo_back_to_the_sent_drawing_cancels_the_pending_frame():
    t = FrameThrottle(interval=1.0)
    t.offer(b"a", "A", now=0.0)
    t.offer(b"b", "B", now=0.3)
    t.offer(b"a", "A", now=0.5)
    assert t.due(now=2.0) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 0.9), st.integers(0, 5)), min_size=1, max_size=60))
def test_sends_are_spaced_and_the_final_state_is_always_sent(steps):
    t = FrameThrottle(interval=1.0)
    now, sent = 0.0, []
    for dt, state in steps:
        now += dt
        for got in (t.offer(bytes([state]), state, now), t.due(now)):
            if got is not None:
                sent.append((now, got))
    final = steps[-1][1]
    later = now + 1.001  # the next heartbeat tick after the interval
    tail = t.due(later)
    if tail is not None:
        sent.append((later, tail))
    assert all(b[0] - a[0] >= 1.0 - 1e-9 for a, b in zip(sent, sent[1:]))
    assert sent[-1][1] == final
