"""The staff PIN: stored only as a salted scrypt hash, checked in constant time, rate-limited.

A hash is one string, `scrypt$N$r$p$SALT$HASH` (salt and hash in unpadded URL-safe base64), so an
administrator can paste it into the kiosk config. `factsheet-reader kiosk hash-pin` makes one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

SCHEME = "scrypt"
DEFAULT_N = 2**14  # about 16 MiB and a few tens of milliseconds per check on a small PC
DEFAULT_R = 8
DEFAULT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 12
_MAX_MEMORY = 256 * 1024 * 1024  # refuse costs that would exhaust a kiosk PC's memory


class PinHashError(ValueError):
    """A stored PIN hash that cannot be used; the message says what is wrong with it."""


@dataclass(frozen=True)
class PinHash:
    """A parsed `scrypt$N$r$p$salt$hash` string."""

    n: int
    r: int
    p: int
    salt: bytes = field(repr=False)
    digest: bytes = field(repr=False)

    def __str__(self) -> str:
        return "$".join((SCHEME, str(self.n), str(self.r), str(self.p),
                         _b64(self.salt), _b64(self.digest)))


def check_pin_format(pin: str) -> str | None:
    """Why `pin` cannot be a staff PIN (None when it can): 4 to 12 digits, typed on a keypad."""
    if not pin.isascii() or not pin.isdigit():
        return "the PIN must be digits only (the kiosk shows a number pad)"
    if not MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS:
        return f"the PIN must have {MIN_PIN_DIGITS} to {MAX_PIN_DIGITS} digits"
    if len(set(pin)) == 1:
        return "the PIN must not be one digit repeated"
    return None


def hash_pin(pin: str, *, n: int = DEFAULT_N, r: int = DEFAULT_R, p: int = DEFAULT_P,
             salt: bytes | None = None) -> PinHash:
    """A new salted hash of `pin` (a random salt unless one is given)."""
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    _check_cost(n, r, p)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                            maxmem=_MAX_MEMORY, dklen=HASH_BYTES)
    return PinHash(n, r, p, salt, digest)


def parse_pin_hash(text: str) -> PinHash:
    """The `PinHash` in `text`; raises PinHashError saying what is wrong."""
    parts = text.strip().split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        raise PinHashError("expected scrypt$N$r$p$salt$hash (make one with "
                           "'factsheet-reader kiosk hash-pin')")
    try:
        n, r, p = (int(x) for x in parts[1:4])
    except ValueError:
        raise PinHashError("N, r and p must be whole numbers") from None
    _check_cost(n, r, p)
    try:
        salt, digest = _unb64(parts[4]), _unb64(parts[5])
    except ValueError:
        raise PinHashError("the salt or hash is not valid base64") from None
    if len(salt) < 8:
        raise PinHashError("the salt is too short (at least 8 bytes)")
    if len(digest) < 16:
        raise PinHashError("the hash is too short (at least 16 bytes)")
    return PinHash(n, r, p, salt, digest)


def verify_pin(pin: str, stored: PinHash) -> bool:
    """True when `pin` hashes to `stored` (compared in constant time)."""
    candidate = hashlib.scrypt(pin.encode("utf-8"), salt=stored.salt, n=stored.n, r=stored.r,
                               p=stored.p, maxmem=_MAX_MEMORY, dklen=len(stored.digest))
    return hmac.compare_digest(candidate, stored.digest)


def _check_cost(n: int, r: int, p: int) -> None:
    if n < 2 or n & (n - 1):
        raise PinHashError("N must be a power of two greater than 1")
    if not 1 <= r <= 64 or not 1 <= p <= 16:
        raise PinHashError("r must be 1 to 64 and p 1 to 16")
    if n < 2**10:
        raise PinHashError("N is too small to protect the PIN (at least 1024)")
    if 128 * n * r * p > _MAX_MEMORY // 2:
        raise PinHashError("N, r and p ask for too much memory")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    if not text or any(c not in _B64_CHARS for c in text):
        raise ValueError("not base64")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


_B64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


# -- rate limiting ---------------------------------------------------------------------------

FREE_ATTEMPTS = 3  # wrong PINs allowed before any wait (a finger slips on a keypad)
FIRST_DELAY = 5.0  # seconds after the first wrong PIN past the free ones; doubles each time
MAX_DELAY = 300.0


@dataclass(frozen=True)
class PinCheck:
    """The outcome of one attempt: `accepted`, or why not and how long until the next try."""

    accepted: bool
    refused_without_check: bool = False  # still waiting from an earlier wrong PIN
    wait_seconds: float = 0.0  # until another attempt will be checked
    failures: int = 0  # wrong PINs in a row so far


class PinGate:
    """Checks staff PINs, making each wrong PIN after the first few cost a growing wait.

    `clock` is injectable (seconds, monotonic) so tests need no sleeping. Attempts during a wait are
    refused without hashing, so guessing cannot go faster than the waits allow. A right PIN resets
    the count. With no stored hash every attempt is refused.
    """

    def __init__(self, stored: PinHash | None, clock: Callable[[], float] = time.monotonic) -> None:
        self._stored = stored
        self._clock = clock
        self.failures = 0
        self._locked_until = 0.0

    @property
    def configured(self) -> bool:
        return self._stored is not None

    def wait_seconds(self) -> float:
        """Seconds until the next attempt will be checked (0 when it would be now)."""
        return max(0.0, self._locked_until - self._clock())

    def attempt(self, pin: str) -> PinCheck:
        wait = self.wait_seconds()
        if wait > 0:
            return PinCheck(False, refused_without_check=True, wait_seconds=wait,
                            failures=self.failures)
        if self._stored is not None and verify_pin(pin, self._stored):
            self.failures = 0
            self._locked_until = 0.0
            return PinCheck(True)
        self.failures += 1
        delay = delay_after(self.failures)
        self._locked_until = self._clock() + delay
        return PinCheck(False, wait_seconds=delay, failures=self.failures)


def delay_after(failures: int) -> float:
    """Seconds to wait after `failures` wrong PINs in a row: none for the first few, then 5, 10,
    20, ... up to five minutes."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY, FIRST_DELAY * 2 ** (failures - FREE_ATTEMPTS))
