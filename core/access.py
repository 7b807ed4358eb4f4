"""Who is asking: the client's address behind a proxy, what only this machine may do, and the admin sign-in brake."""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import math
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from core.admin import password_ok

log = logging.getLogger(__name__)

UNKNOWN = "unknown"
FREE_TRIES = 3
FIRST_WAIT_S = 5.0
MAX_WAIT_S = 900.0
FORGET_AFTER_S = 3600.0


def _ip(value: object) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not isinstance(value, str):
        return None
    try:
        ip = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped  # "::ffff:127.0.0.1" is IPv4's loopback
    return ip


def _in(ip, networks: Sequence[str]) -> bool:
    for net in networks:
        try:
            if ip in ipaddress.ip_network(net.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


def is_trusted_proxy(peer: object, trusted_proxies: Sequence[str]) -> bool:
    """Whether a connection's peer is one of the trusted proxies (whose forwarded headers count)."""
    ip = _ip(peer)
    return ip is not None and _in(ip, trusted_proxies)


def client_address(peer: object, headers: Mapping[str, str], trusted_proxies: Sequence[str]) -> str:
    """The client's IP address: the connection's peer, or, when that peer is a trusted proxy, the
    nearest untrusted address in its X-Forwarded-For header; "unknown" when neither can be read.

    Streamlit reports a loopback peer as None, so None is this machine.
    """
    ip = _ip("127.0.0.1" if peer is None else peer)
    if ip is None:
        return UNKNOWN
    if _in(ip, trusted_proxies):
        forwarded = headers.get("X-Forwarded-For") or headers.get("x-forwarded-for") or ""
        hops = [h for h in forwarded.split(",") if h.strip()]
        for hop in reversed(hops):
            hop_ip = _ip(hop)
            if hop_ip is None:
                return UNKNOWN  # a garbled header: trust nothing
            if not _in(hop_ip, trusted_proxies):
                return str(hop_ip)
    return str(ip)


def is_this_machine(address: str) -> bool:
    """True for a loopback address (the browser runs on the server itself)."""
    ip = _ip(address)
    return ip is not None and ip.is_loopback


EVAL_SIGN_IN = "Running an eval can spend money: sign in on the Admin page first."
EVAL_THIS_MACHINE_ONLY = (
    "Running an eval can spend money, so while no admin password is set, evals run only from the server "
    "itself (open the app at http://localhost:8501 there). To let others run them, set `ADMIN_PASSWORD` in "
    "`.streamlit/secrets.toml` or the environment, restart the app, and sign in on the Admin page.")


def eval_refusal(password_set: bool, signed_in: bool, address: str) -> str | None:
    """Why this visitor may not start an eval (it calls paid models), or None if they may."""
    if password_set:
        return None if signed_in else EVAL_SIGN_IN
    return None if is_this_machine(address) else EVAL_THIS_MACHINE_ONLY


def address_key(address: str, secret: bytes) -> str:
    """A stable pseudonym for an address, so the database keeps no visitor's IP."""
    return hmac.new(secret, address.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def sign_in_wait(failures: int, last_failure_at: float | None, now: float, free_tries: int = FREE_TRIES) -> float:
    """Seconds before the next sign-in attempt is heard: none for the first `free_tries` wrong passwords,
    then 5 s, 10 s, 20 s ... (at most 15 min) after the latest one; forgotten after an hour of quiet."""
    if last_failure_at is None or failures < free_tries or now - last_failure_at >= FORGET_AFTER_S:
        return 0.0
    wait = min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (failures - free_tries))
    return max(0.0, last_failure_at + wait - now)


@dataclass(frozen=True)
class SignIn:
    """What came of one admin sign-in attempt."""

    ok: bool
    heard: bool = True  # False: the password was not even checked, it came during a pause
    wait_s: float = 0.0  # the pause before the next attempt is heard
    failures: int = 0
    role: str = ""  # "admin" (the admin password) or "host" (the event's host code), when ok


class AdminGate:
    """Admin and host sign-in with a brake per client address, kept in the database so every process agrees."""

    def __init__(self, store, secret: bytes, free_tries: int = FREE_TRIES):
        self.store = store
        self.secret = secret
        self.free_tries = free_tries

    def wait_for(self, address: str, now: float) -> float:
        """Seconds this address must wait before its next attempt is heard."""
        failures, last = self.store.login_failures(address_key(address, self.secret), now - FORGET_AFTER_S)
        return sign_in_wait(failures, last, now, self.free_tries)

    def attempt(self, address: str, given: object, configured: str, now: float,
                host_code: Callable[[object], bool] | None = None) -> SignIn:
        """Check a password (the admin's, or, with `host_code`, the event's host code), unless this address must
        wait; a failure is counted and logged, never its text."""
        key = address_key(address, self.secret)
        failures, last = self.store.login_failures(key, now - FORGET_AFTER_S)
        wait = sign_in_wait(failures, last, now, self.free_tries)
        if wait > 0:
            return SignIn(False, heard=False, wait_s=math.ceil(wait), failures=failures)
        role = "admin" if configured and password_ok(given, configured) else \
            "host" if host_code is not None and host_code(given) else ""
        if role:
            self.store.clear_login_failures(key)
            log.info("%s signed in from %s", role, address)
            return SignIn(True, role=role)
        failures = self.store.record_login_failure(key, now, now - FORGET_AFTER_S)
        log.warning("admin or host sign-in failed from %s (%d wrong password(s) in a row)", address, failures)
        return SignIn(False, wait_s=math.ceil(sign_in_wait(failures, now, now, self.free_tries)), failures=failures)
