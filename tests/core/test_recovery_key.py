import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binder.errors import RecoveryKeyTypoError
from binder.keys import recovery


@given(st.binary(min_size=32, max_size=32))
def test_round_trip_any_key(key: bytes) -> None:
    text = recovery.encode(key)
    assert recovery.decode(text) == key
    assert len(text.split("-")) == 13


def test_typing_variants_are_accepted() -> None:
    key = os.urandom(32)
    text = recovery.encode(key)
    sloppy = "  " + text.lower().replace("-", " ") + "\n"
    assert recovery.decode(sloppy) == key
    # Crockford: O reads as 0, I and L read as 1.
    swapped = text.replace("0", "O").replace("1", "l")
    assert recovery.decode(swapped) == key


@settings(max_examples=200)
@given(st.binary(min_size=32, max_size=32), st.integers(0, 76), st.integers(1, 31))
def test_every_single_substitution_is_reported_as_a_typo(key: bytes, pos: int, shift: int) -> None:
    text = recovery.encode(key)
    if text[pos] == "-":
        return
    alphabet = recovery.CHECK_SYMBOLS
    original = text[pos]
    replacement = alphabet[(alphabet.index(original) + shift) % len(alphabet)]
    typo = text[:pos] + replacement + text[pos + 1:]
    with pytest.raises(RecoveryKeyTypoError) as err:
        recovery.decode(typo)
    group = pos // 6 + 1
    assert f"Group {group}" in str(err.value)


def test_adjacent_transposition_is_a_typo() -> None:
    key = bytes(range(32))
    text = recovery.encode(key)
    first = text[:5]
    swapped = first[1] + first[0] + first[2:]
    if swapped != first:
        with pytest.raises(RecoveryKeyTypoError):
            recovery.decode(swapped + text[5:])


@pytest.mark.parametrize("bad, words", [
    ("ABCDE", "has 65 characters"),
    ("", "this one has 0"),
])
def test_wrong_length_says_so(bad: str, words: str) -> None:
    with pytest.raises(RecoveryKeyTypoError, match=words):
        recovery.decode(bad)


def test_hex_form_is_the_raw_key() -> None:
    key = os.urandom(32)
    assert recovery.to_hex(key) == key.hex() and len(recovery.to_hex(key)) == 64
