"""個人番号の検査用数字 (番号法施行令 第8条), normalisation and error messages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinji.rules.errors import InvalidArgument
from jinji.rules.mynumber import check_digit, is_valid, mask, normalize, validate


def statutory_check_digit(first_eleven: str) -> int:
    """施行令第8条, written out literally: Pn is the n-th digit counting from the right of the 11."""
    total = 0
    for n in range(1, 12):
        p = int(first_eleven[11 - n])
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def test_hand_computed_example() -> None:
    # 11 digits 1 2 3 4 5 6 7 8 9 0 1; from the right P1..P11 = 1,0,9,8,7,6,5,4,3,2,1
    # Q1..Q11 = 2,3,4,5,6,7,2,3,4,5,6
    # Σ = 2+0+36+40+42+42+10+12+12+10+6 = 212; 212 mod 11 = 3; 11 − 3 = 8
    assert statutory_check_digit("12345678901") == 8
    assert check_digit("12345678901") == 8
    assert is_valid("123456789018")
    assert validate("123456789018") == "123456789018"


@pytest.mark.parametrize(
    "number",
    [
        "621498320257",  # Σ = 180, 180 mod 11 = 4 → 7
        "000000000000",  # Σ = 0 → remainder 0 → 0
        "000000000060",  # P1 = 6: Σ = 12, remainder 1 → 0
        "000000000051",  # P1 = 5: Σ = 10, remainder 10 → 1
    ],
)
def test_valid_numbers(number: str) -> None:
    assert is_valid(number)
    assert statutory_check_digit(number[:11]) == int(number[11])


@pytest.mark.parametrize("number", ["123456789017", "123456789019", "621498320258", "000000000061"])
def test_wrong_check_digit(number: str) -> None:
    assert not is_valid(number)
    with pytest.raises(InvalidArgument, match="検査用数字") as info:
        validate(number)
    assert number not in str(info.value)  # the number is never echoed


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_exactly_one_check_digit_is_valid(first_eleven: str) -> None:
    good = statutory_check_digit(first_eleven)
    for digit in range(10):
        assert is_valid(f"{first_eleven}{digit}") is (digit == good)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１２３４５６７８９０１８", "123456789018"),
        ("1234 5678 9018", "123456789018"),
        ("1234-5678-9018", "123456789018"),
        ("１２３４－５６７８－９０１８", "123456789018"),
        ("１２３４　５６７８　９０１８", "123456789018"),
        (" 123456789018 ", "123456789018"),
    ],
)
def test_normalize_accepts_full_width_spaces_and_hyphens(raw: str, expected: str) -> None:
    assert normalize(raw) == expected
    assert validate(raw) == expected
    assert is_valid(raw)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("12345678901", "12桁の数字です \\(入力は11桁です\\)"),
        ("1234567890185", "入力は13桁"),
        ("", "入力されていません"),
        ("1234567890I8", "11 文字目「I」は数字ではありません"),
        ("1234 5678 90I8", "13 文字目「I」は数字ではありません"),
        ("A23456789018", "1 文字目「A」"),
    ],
)
def test_validate_says_what_is_wrong(raw: str, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        validate(raw)
    assert not is_valid(raw)


def test_non_string_is_refused() -> None:
    with pytest.raises(InvalidArgument, match="文字列"):
        validate(123456789018)  # type: ignore[arg-type]
    assert not is_valid(None)  # type: ignore[arg-type]


def test_mask_keeps_the_last_four_digits() -> None:
    assert mask("1234 5678 9018") == "********9018"
