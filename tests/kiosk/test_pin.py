"""Staff PIN hashing, checking and the growing waits after wrong PINs."""

from __future__ import annotations

import hmac

import pytest

from reader.kiosk import pin as pin_module
from reader.kiosk.pin import (
    FREE_ATTEMPTS,
    MAX_DELAY,
    PinGate,
    PinHashError,
    check_pin_format,
    delay_after,
    hash_pin,
    parse_pin_hash,
    verify_pin,
)

FAST = {"n": 2**10}  # the smallest cost parse_pin_hash accepts: keeps the tests quick


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_hash_round_trips_through_its_text_form():
    stored = hash_pin("2468", **FAST)
    text = str(stored)
    assert text.startswith("scrypt$1024$8$1$")
    assert "2468" not in text
    parsed = parse_pin_hash(text)
    assert parsed == stored
    assert verify_pin("2468", parsed)
    assert not verify_pin("2469", parsed)
    assert not verify_pin("", parsed)


def test_default_cost_is_the_documented_one():
    assert str(hash_pin("2468")).startswith("scrypt$16384$8$1$")


def test_each_hash_gets_its_own_random_salt():
    a, b = hash_pin("2468", **FAST), hash_pin("2468", **FAST)
    assert a.salt != b.salt and a.digest != b.digest
    assert verify_pin("2468", a) and verify_pin("2468", b)


def test_the_comparison_is_constant_time(monkeypatch):
    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(pin_module.hmac, "compare_digest",
                        lambda a, b: calls.append((a, b)) or real(a, b))
    stored = hash_pin("2468", **FAST)
    assert verify_pin("2468", stored)
    assert len(calls) == 1


@pytest.mark.parametrize("text, message", [
    ("", "expected scrypt$N$r$p$salt$hash"),
    ("2468", "expected scrypt$N$r$p$salt$hash"),
    ("bcrypt$1024$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "expected scrypt"),
    ("scrypt$x$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "whole numbers"),
    ("scrypt$1000$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "power of two"),
    ("scrypt$16$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "too small"),
    ("scrypt$1024$99$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "r must be"),
    ("scrypt$1048576$64$16$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "too much memory"),
    ("scrypt$1024$8$1$not base64!$AAAAAAAAAAAAAAAAAAAAAA", "base64"),
    ("scrypt$1024$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAA", "salt is too short"),
    ("scrypt$1024$8$1$AAAAAAAAAAA$AAAA", "hash is too short"),
])
def test_damaged_hashes_are_refused_with_the_reason(text, message):
    with pytest.raises(PinHashError, match=message.replace("$", r"\$")):
        parse_pin_hash(text)


@pytest.mark.parametrize("pin, ok", [
    ("2468", True), ("135792468024", True), ("123", False), ("1234567890123", False),
    ("12a4", False), ("١٢٣٤", False), ("1111", False), ("", False), (" 2468", False),
])
def test_pin_format(pin, ok):
    assert (check_pin_format(pin) is None) is ok


def test_delays_grow_and_stop_at_five_minutes():
    assert [delay_after(n) for n in range(1, FREE_ATTEMPTS)] == [0.0] * (FREE_ATTEMPTS - 1)
    assert delay_after(FREE_ATTEMPTS) == 5.0
    assert delay_after(FREE_ATTEMPTS + 1) == 10.0
    assert delay_after(FREE_ATTEMPTS + 2) == 20.0
    assert delay_after(50) == MAX_DELAY == 300.0


def test_gate_lets_a_few_slips_through_then_makes_guessers_wait():
    clock = FakeClock()
    gate = PinGate(hash_pin("2468", **FAST), clock)
    for n in range(1, FREE_ATTEMPTS):
        result = gate.attempt("0000")
        assert not result.accepted and result.wait_seconds == 0 and result.failures == n
    third = gate.attempt("0000")
    assert not third.accepted and third.wait_seconds == 5.0
    assert gate.wait_seconds() == 5.0

    # During the wait even the right PIN is not checked, so guessing cannot go faster.
    during = gate.attempt("2468")
    assert not during.accepted and during.refused_without_check
    assert during.failures == FREE_ATTEMPTS

    clock.now += 5.0
    fourth = gate.attempt("1111")
    assert fourth.wait_seconds == 10.0 and fourth.failures == FREE_ATTEMPTS + 1
    clock.now += 9.0
    assert gate.attempt("2468").refused_without_check
    clock.now += 1.0
    assert gate.attempt("2468").accepted
    assert gate.failures == 0 and gate.wait_seconds() == 0


def test_gate_without_a_stored_hash_refuses_everything():
    gate = PinGate(None, FakeClock())
    assert not gate.configured
    assert not gate.attempt("2468").accepted
