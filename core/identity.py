"""Player identity that survives a reload: a random id signed with a server secret, kept in the URL."""
from __future__ import annotations

import hashlib
import hmac
import random
import re
import string

ID_LENGTH = 16
SIG_LENGTH = 16
_ALPHABET = string.ascii_letters + string.digits
_TOKEN = re.compile(rf"^([A-Za-z0-9]{{{ID_LENGTH}}})\.([0-9a-f]{{{SIG_LENGTH}}})$")


def _sign(player_id: str, secret: bytes) -> str:
    return hmac.new(secret, player_id.encode("ascii"), hashlib.sha256).hexdigest()[:SIG_LENGTH]


def new_player_token(secret: bytes, rng: random.Random) -> str:
    """A fresh signed token "<id>.<signature>" for a new player."""
    player_id = "".join(rng.choice(_ALPHABET) for _ in range(ID_LENGTH))
    return f"{player_id}.{_sign(player_id, secret)}"


def player_from_token(token: object, secret: bytes) -> str | None:
    """The player id inside a token we signed, or None for anything else."""
    if not isinstance(token, str) or len(token) > 64:
        return None
    m = _TOKEN.match(token)
    if not m or not hmac.compare_digest(m.group(2), _sign(m.group(1), secret)):
        return None
    return m.group(1)


HOST_TTL_S = 12 * 3600.0
_HOST_TOKEN = re.compile(r"^h([0-9]{1,12})\.([0-9a-f]{32})$")


def host_token(secret: bytes, now: float, ttl: float = HOST_TTL_S) -> str:
    """A signed token that says "a signed-in host" to the app's routes until it expires."""
    expiry = int(now + ttl)
    return f"h{expiry}.{hmac.new(secret, f'host:{expiry}'.encode(), hashlib.sha256).hexdigest()[:32]}"


def is_host_token(token: object, secret: bytes, now: float) -> bool:
    """Whether `token` is a host token we signed that has not expired."""
    if not isinstance(token, str) or len(token) > 64:
        return False
    m = _HOST_TOKEN.match(token)
    if not m or int(m.group(1)) < now:
        return False
    want = hmac.new(secret, f"host:{m.group(1)}".encode(), hashlib.sha256).hexdigest()[:32]
    return hmac.compare_digest(m.group(2), want)


def resolve_player(url_token: object, session_token: object, secret: bytes, rng: random.Random) -> tuple[str, str]:
    """(player id, token): from the URL if ours, else from the session if ours, else a new one."""
    for token in (url_token, session_token):
        player = player_from_token(token, secret)
        if player is not None:
            return player, str(token)
    token = new_player_token(secret, rng)
    return player_from_token(token, secret), token
