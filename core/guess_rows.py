"""What a guess row is: the one builder the pool (models) and the audience (people) share, its outcome kinds, and
the note a right answer that came too late carries."""
from __future__ import annotations

import re
from typing import Any

from core.i18n import DEFAULT_LANGUAGE, t
from core.judge import EMPTY, NOT_IT, SEVERAL, Verdict
from core.profanity import severity

ANSWER = "answer"  # a reply with a guess in it (judged), or a person's guess
REFUSED = "refused"  # a refusal or safety block: it counts against the drawing
CANCELLED = "cancelled"  # the game ended while the call was in flight
FAILURES = ("timeout", "rate_limited", "error", "bad_image")  # the call failed: no guess
OUTCOMES = (ANSWER, REFUSED, CANCELLED, *FAILURES)
TOO_LATE = " (too late: the game was already over)"
PAST_TIME_LIMIT = " (too late: it came after its time limit)"

# Rows written before the outcome column had it only in their error text: the migration reads it from there.
LEGACY_OUTCOME_SQL = (
    "CASE WHEN refused = 1 OR error LIKE 'refused%' THEN 'refused' WHEN error LIKE 'cancelled%' THEN 'cancelled' "
    "WHEN error LIKE 'timeout%' THEN 'timeout' WHEN error LIKE 'rate limited%' THEN 'rate_limited' "
    "WHEN error LIKE 'bad image%' THEN 'bad_image' WHEN error IS NOT NULL AND error != '' AND text IS NULL "
    "THEN 'error' ELSE 'answer' END")


def too_late(reason: str, past_time_limit: bool = False) -> str:
    """The reason of a right answer that cannot win: the game was already over (or the reply came after the
    call's time limit)."""
    note = PAST_TIME_LIMIT if past_time_limit else TOO_LATE
    return reason if reason.endswith(note) else reason + note


def guess_row(*, game_id: str, frame_seq: int, guesser: str, text: str | None, verdict: Verdict | None,
              created_at: float, requested_at: float | None, latency_ms: float | None, outcome: str = ANSWER,
              won: bool = False, stale: bool = False, reason: str | None = None, error: str | None = None,
              model: str | None = None, input_tokens: int | None = None, output_tokens: int | None = None,
              cost_usd: float | None = None, human: bool = False, player_id: str | None = None,
              origin: str | None = None, approval: str | None = None) -> dict[str, Any]:
    """One `guesses` row, as the pool records a model's reply and the audience a person's guess."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    return {
        "game_id": game_id, "frame_seq": frame_seq, "guesser": guesser, "model": model, "text": text,
        "normalized": verdict.normalized if verdict else "", "correct": int(bool(verdict and verdict.correct)),
        "won": int(won), "stale": int(stale), "refused": int(outcome == REFUSED),
        "reason": reason if reason is not None else (verdict.reason if verdict else ""), "error": error,
        "created_at": created_at, "requested_at": requested_at, "latency_ms": latency_ms,
        "input_tokens": input_tokens, "output_tokens": output_tokens, "cost_usd": cost_usd, "outcome": outcome,
        "human": int(human), "player_id": player_id, "origin": origin, "approval": approval,
        "profanity": max(severity(text or ""), severity(error or "")),
    }


_REASONS = {NOT_IT: "rules.reason_not_it", SEVERAL: "rules.reason_several", EMPTY: "rules.reason_empty"}
_NAMED = ((re.compile(r"^names '(.*)', a different word$"), "rules.reason_other"),
          (re.compile(r"^names the alias '(.*)'$"), "rules.reason_alias"), (re.compile(r"^names '(.*)'$"), "rules.reason_names"))


def say_reason(reason: str | None, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """The judge's reason (stored in English, core.judge), its too-late note too, as `lang` says it; a reason it does
    not know stays as it is."""
    if not reason or lang == DEFAULT_LANGUAGE:
        return reason
    for note, key in ((TOO_LATE, "rules.too_late"), (PAST_TIME_LIMIT, "rules.past_limit")):
        if reason.endswith(note):
            return say_reason(reason[:-len(note)], lang) + t(lang, key)
    if reason in _REASONS:
        return t(lang, _REASONS[reason])
    for pattern, key in _NAMED:
        if found := pattern.match(reason):
            return t(lang, key, word=found.group(1))
    return reason
