"""The frame throttle: at most one frame per interval, only when the drawing changed, trailing edge kept."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class FrameThrottle(Generic[T]):
    """Decides which canvas frames go to the pool; pure: every call takes `now`."""

    interval: float
    last_sent_at: float = float("-inf")
    last_sent_key: bytes | None = None
    pending_key: bytes | None = None
    pending: T | None = None

    def offer(self, key: bytes, frame: T, now: float) -> T | None:
        """A new canvas state: return it if it should be sent now, else keep it as the pending one."""
        if key == self.last_sent_key:
            self.pending_key, self.pending = None, None
            return None
        if now - self.last_sent_at >= self.interval:
            return self._send(key, frame, now)
        self.pending_key, self.pending = key, frame
        return None

    def due(self, now: float) -> T | None:
        """The pending frame if its interval has passed (the trailing edge), else None."""
        if self.pending is None or now - self.last_sent_at < self.interval:
            return None
        return self._send(self.pending_key, self.pending, now)

    def _send(self, key: bytes | None, frame: T, now: float) -> T:
        self.last_sent_at, self.last_sent_key = now, key
        self.pending_key, self.pending = None, None
        return frame
