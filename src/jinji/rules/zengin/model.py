"""Inputs and outputs of the 全銀協規定形式 transfer files (frozen dataclasses, codes as enums)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import Enum

from jinji.rules.errors import InvalidArgument, RulesError


class ZenginFormatError(RulesError):
    """A 全銀 file (bytes) breaks the format.

    ``record_number`` is 1-based within the file (header = 1); ``byte_position`` is 1-based within
    that record (as in the layout tables); the message says both, in Japanese, and what is wrong.
    """

    def __init__(self, record_number: int, byte_position: int, message: str) -> None:
        self.record_number = record_number
        self.byte_position = byte_position
        self.detail = message
        super().__init__(f"第{record_number}レコード {byte_position}バイト目: {message}")


class TransferKind(Enum):
    """種別コード (header bytes 2–3)."""

    SALARY_PRIVATE = "11"
    """給与振込 (民間)"""
    BONUS_PRIVATE = "12"
    """賞与振込 (民間)"""
    GENERAL = "21"
    """総合振込"""
    SALARY = "71"
    """給与振込 (地方公務員)"""
    BONUS = "72"
    """賞与振込 (地方公務員)"""

    @property
    def is_general(self) -> bool:
        """総合振込 layout (顧客コード/EDI/振込指定区分) rather than 給与・賞与 layout."""
        return self is TransferKind.GENERAL

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    TransferKind.SALARY_PRIVATE: "給与振込(民間)",
    TransferKind.BONUS_PRIVATE: "賞与振込(民間)",
    TransferKind.GENERAL: "総合振込",
    TransferKind.SALARY: "給与振込(地方公務員)",
    TransferKind.BONUS: "賞与振込(地方公務員)",
}


class AccountType(Enum):
    """預金種目 (付録3 預金種目コード)."""

    ORDINARY = "1"
    """普通預金"""
    CURRENT = "2"
    """当座預金"""
    SAVINGS = "4"
    """貯蓄預金 (総合振込 only)"""
    OTHER = "9"
    """その他 (header and 総合振込 only)"""


HEADER_ACCOUNT_TYPES = frozenset({AccountType.ORDINARY, AccountType.CURRENT, AccountType.OTHER})
SALARY_ACCOUNT_TYPES = frozenset({AccountType.ORDINARY, AccountType.CURRENT})
GENERAL_ACCOUNT_TYPES = frozenset(AccountType)


class NewCode(Enum):
    """新規コード (data byte 91)."""

    OTHER = "0"
    FIRST = "1"
    """第1回振込分"""
    CHANGED = "2"
    """変更分 (bank, branch, account type or number changed)"""


class TransferMethod(Enum):
    """振込指定区分 (総合振込 data byte 112). Several banks document it as unused and want 0."""

    TELEGRAPHIC = "7"
    """テレ振込 (電信)"""
    DOCUMENT = "8"
    """文書振込"""
    UNUSED = "0"


class RecordSeparator(Enum):
    """What follows each 120-byte record. Banks accept both (payroll-rules.md §F1)."""

    CRLF = b"\r\n"
    NONE = b""


@dataclass(frozen=True, slots=True)
class MonthDay:
    """振込指定日/取組日 as written in the header (MMDD; the year is not in the file)."""

    month: int
    day: int

    def __post_init__(self) -> None:
        try:
            datetime.date(2000, self.month, self.day)  # a leap year admits 02-29
        except (TypeError, ValueError) as exc:
            raise InvalidArgument(f"振込指定日 {self.month}月{self.day}日 は存在しない日付です") from exc

    @classmethod
    def of(cls, day: datetime.date) -> MonthDay:
        return cls(day.month, day.day)

    def mmdd(self) -> str:
        return f"{self.month:02d}{self.day:02d}"


@dataclass(frozen=True, slots=True)
class TransferHeader:
    """ヘッダーレコード: who pays, from which account, on which day.

    Codes are digit strings (zero-padded on output: 委託者コード 10, 銀行 4, 支店 3, 口座 7).
    Names may be full-width; they go through :func:`~jinji.rules.zengin.kana.to_bank_kana`.
    """

    kind: TransferKind
    consignor_code: str
    consignor_name: str
    transfer_date: MonthDay
    bank_code: str
    bank_name: str
    branch_code: str
    branch_name: str
    account_type: AccountType
    account_number: str


@dataclass(frozen=True, slots=True)
class TransferRecord:
    """データレコード: one payee.

    ``customer_code1``/``customer_code2`` are 顧客コード1/2 (N10, 総合振込) or 社員番号/所属コード
    (C10, 給与・賞与振込). ``edi`` (総合振込 only, C20) replaces both when set (識別表示 Y).
    ``transfer_method`` applies to 総合振込 only.
    """

    bank_code: str
    bank_name: str
    branch_code: str
    branch_name: str
    account_type: AccountType
    account_number: str
    recipient_name: str
    amount: int
    new_code: NewCode = NewCode.OTHER
    customer_code1: str = ""
    customer_code2: str = ""
    edi: str | None = None
    transfer_method: TransferMethod = TransferMethod.TELEGRAPHIC


@dataclass(frozen=True, slots=True)
class TransferFile:
    """A parsed file: one header, its data records, and the separator it used."""

    header: TransferHeader
    records: tuple[TransferRecord, ...]
    separator: RecordSeparator = RecordSeparator.CRLF

    @property
    def record_count(self) -> int:
        """合計件数 (trailer)."""
        return len(self.records)

    @property
    def total_amount(self) -> int:
        """合計金額 (trailer), int yen."""
        return sum(r.amount for r in self.records)
