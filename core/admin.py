"""Admin access: one password from the settings, compared in constant time."""
from __future__ import annotations

import hmac


def password_ok(given: object, configured: str) -> bool:
    """True only when a password is configured and `given` matches it."""
    if not configured or not isinstance(given, str):
        return False
    return hmac.compare_digest(given.encode("utf-8"), configured.encode("utf-8"))
