"""Byte layout of the 全銀協規定形式 records (120 bytes each) and field encoding.

Positions are 1-based, as in the published tables (payroll-rules.md §F1, from the JBA
「全銀協パーソナル・コンピュータ用標準通信プロトコル 適用業務およびレコード・フォーマット」 and
bank guides [S90][S91]). N fields are right-aligned and zero-padded; C fields left-aligned and
space-padded. Every character is one JIS X 0201 byte (Shift_JIS/CP932 single-byte range).
"""

from __future__ import annotations

from dataclasses import dataclass

from jinji.rules.errors import InvalidArgument
from jinji.rules.zengin.kana import CharClass, to_bank_kana
from jinji.rules.zengin.model import ZenginFormatError

RECORD_LENGTH = 120
ENCODING = "cp932"


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    label: str
    start: int
    """1-based first byte."""
    length: int
    attr: str
    """"N" (digits) or "C" (characters)."""
    char_class: CharClass | None = None
    """For C fields: the permitted set; None for filler/free text (not checked)."""

    @property
    def end(self) -> int:
        """1-based last byte."""
        return self.start + self.length - 1

    def raw(self, record: bytes) -> bytes:
        return record[self.start - 1 : self.end]


def _layout(*fields: tuple[str, str, int, str, CharClass | None]) -> tuple[Field, ...]:
    """Fields from (key, label, length, attr, class) in order; positions are computed, then checked."""
    result: list[Field] = []
    position = 1
    for key, label, length, attr, char_class in fields:
        result.append(Field(key, label, position, length, attr, char_class))
        position += length
    if position - 1 != RECORD_LENGTH:
        raise RuntimeError(f"全銀レイアウトの長さが {position - 1} バイトです")  # pragma: no cover
    return tuple(result)


_BANK = CharClass.BANK_NAME
_PARTY = CharClass.PARTY_NAME

HEADER = _layout(
    ("record_type", "データ区分", 1, "N", None),
    ("kind", "種別コード", 2, "N", None),
    ("code_division", "コード区分", 1, "N", None),
    ("consignor_code", "委託者コード", 10, "N", None),
    ("consignor_name", "委託者名", 40, "C", _PARTY),
    ("transfer_date", "振込指定日", 4, "N", None),
    ("bank_code", "仕向銀行番号", 4, "N", None),
    ("bank_name", "仕向銀行名", 15, "C", _BANK),
    ("branch_code", "仕向支店番号", 3, "N", None),
    ("branch_name", "仕向支店名", 15, "C", _BANK),
    ("account_type", "預金種目(依頼人)", 1, "N", None),
    ("account_number", "口座番号(依頼人)", 7, "N", None),
    ("dummy", "ダミー", 17, "C", None),
)

_DATA_COMMON: tuple[tuple[str, str, int, str, CharClass | None], ...] = (
    ("record_type", "データ区分", 1, "N", None),
    ("bank_code", "被仕向銀行番号", 4, "N", None),
    ("bank_name", "被仕向銀行名", 15, "C", _BANK),
    ("branch_code", "被仕向支店番号", 3, "N", None),
    ("branch_name", "被仕向支店名", 15, "C", _BANK),
    ("clearing_house", "手形交換所番号", 4, "N", None),
    ("account_type", "預金種目", 1, "N", None),
    ("account_number", "口座番号", 7, "N", None),
    ("recipient_name", "受取人名", 30, "C", _PARTY),
    ("amount", "振込金額", 10, "N", None),
    ("new_code", "新規コード", 1, "N", None),
)

DATA_GENERAL = _layout(
    *_DATA_COMMON,
    ("customer_code1", "顧客コード1", 10, "N", None),
    ("customer_code2", "顧客コード2", 10, "N", None),
    ("transfer_method", "振込指定区分", 1, "N", None),
    ("edi_flag", "識別表示", 1, "C", None),
    ("dummy", "ダミー", 7, "C", None),
)
"""総合振込 (21). When 識別表示 is "Y", bytes 92–111 are EDI情報 C(20) instead of 顧客コード1/2."""

DATA_SALARY = _layout(
    *_DATA_COMMON,
    ("customer_code1", "社員番号", 10, "C", _PARTY),
    ("customer_code2", "所属コード", 10, "C", _PARTY),
    ("dummy", "ダミー", 9, "C", None),
)
"""給与・賞与振込 (11/12/71/72): 社員番号/所属コード C(10) (sources split N/C; C is safe), 9-byte filler."""

EDI = Field("edi", "EDI情報", 92, 20, "C", CharClass.EDI)

TRAILER = _layout(
    ("record_type", "データ区分", 1, "N", None),
    ("count", "合計件数", 6, "N", None),
    ("total", "合計金額", 12, "N", None),
    ("dummy", "ダミー", 101, "C", None),
)

END = _layout(
    ("record_type", "データ区分", 1, "N", None),
    ("dummy", "ダミー", 119, "C", None),
)


def field(layout: tuple[Field, ...], key: str) -> Field:
    for f in layout:
        if f.key == key:
            return f
    raise KeyError(key)  # pragma: no cover


# ---- encoding (build) -------------------------------------------------------------------------


def encode_text(value: str, f: Field, context: str, *, char_class: CharClass | None = None) -> bytes:
    """A C field: bank-kana conversion, length check, left-aligned space padding."""
    cls = char_class or f.char_class or CharClass.PARTY_NAME
    text = to_bank_kana(value, field=f"{context}{f.label}", char_class=cls)
    if len(text) > f.length:
        raise InvalidArgument(
            f"{context}{f.label} は半角{f.length}文字以内にしてください "
            f"(変換後 {len(text)} 文字: {text}); 切り詰めは受取人の取り違えにつながるため自動では行いません"
        )
    return text.ljust(f.length).encode(ENCODING)


def encode_digits(value: str, f: Field, context: str) -> bytes:
    """An N code field: ASCII digits, at most ``length`` of them, zero-padded on the left."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        raise InvalidArgument(f"{context}{f.label} は半角数字で指定してください: {value!r}")
    if len(value) > f.length:
        raise InvalidArgument(f"{context}{f.label} は{f.length}桁以内です ({len(value)}桁: {value})")
    return value.zfill(f.length).encode("ascii")


def encode_amount(value: int, f: Field, context: str, *, minimum: int = 0) -> bytes:
    """An N amount/count field from an int, zero-padded."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{context}{f.label} は整数 (円) で指定してください: {value!r}")
    maximum = 10**f.length - 1
    if not minimum <= value <= maximum:
        raise InvalidArgument(f"{context}{f.label} は {minimum:,} 以上 {maximum:,} 以下です: {value:,}")
    return str(value).zfill(f.length).encode("ascii")


# ---- decoding (parse) -------------------------------------------------------------------------


def _char_of(byte: int) -> str | None:
    """JIS X 0201 byte → character (0x5C is the yen sign, written as a backslash)."""
    if 0x20 <= byte < 0x7F:
        return chr(byte)
    if 0xA1 <= byte <= 0xDF:
        return chr(0xFF61 + byte - 0xA1)
    return None


def decode_text(record: bytes, f: Field, record_number: int, *, char_class: CharClass | None = None) -> str:
    """A C field → text without the trailing padding, checking every byte against its set."""
    cls = char_class or f.char_class
    chars: list[str] = []
    for offset, byte in enumerate(f.raw(record)):
        char = _char_of(byte)
        position = f.start + offset
        if char is None:
            raise ZenginFormatError(
                record_number, position, f"{f.label}: JIS X 0201 の1バイト文字ではない値 0x{byte:02X} があります"
            )
        if cls is not None and char not in cls.allowed:
            raise ZenginFormatError(record_number, position, f"{f.label}: 「{char}」は{cls.value}で使えない文字です")
        chars.append(char)
    return "".join(chars).rstrip(" ")


def decode_digits(record: bytes, f: Field, record_number: int, *, blank_ok: bool = False) -> str:
    """An N field → its digit string (all spaces → "" when ``blank_ok``)."""
    raw = f.raw(record)
    if blank_ok and raw == b" " * f.length:
        return ""
    for offset, byte in enumerate(raw):
        if not 0x30 <= byte <= 0x39:
            shown = chr(byte) if 0x20 <= byte < 0x7F else f"0x{byte:02X}"
            raise ZenginFormatError(
                record_number, f.start + offset, f"{f.label} (数字{f.length}桁) に数字以外の「{shown}」があります"
            )
    return raw.decode("ascii")
