"""全銀協規定形式 transfer files: 給与振込 (71), 賞与振込 (72), 総合振込 (21) (and 11/12).

Fixed 120-byte records — header (1), data (2) …, trailer (8), end (9) — in JIS X 0201
(half-width katakana, Shift_JIS/CP932 single-byte codes), CRLF-separated or unseparated.
Layout: payroll-rules.md §F1 [S90][S91] (JBA 「全銀協パーソナル・コンピュータ用標準通信プロトコル
適用業務およびレコード・フォーマット」 and bank guides).

* :func:`build_transfer_file` — frozen dataclasses → bytes.
* :func:`parse_transfer_file` — bytes → :class:`TransferFile`, checking lengths, order, trailer
  count and total; problems raise :class:`ZenginFormatError` (record number + byte position).
* :func:`to_bank_kana` — names into the banks' character set (with 法人略語 on request).
"""

from __future__ import annotations

from jinji.rules.zengin.build import build_transfer_file
from jinji.rules.zengin.kana import BankCharacterError, CharClass, abbreviate_legal_entity, to_bank_kana
from jinji.rules.zengin.model import (
    AccountType,
    MonthDay,
    NewCode,
    RecordSeparator,
    TransferFile,
    TransferHeader,
    TransferKind,
    TransferMethod,
    TransferRecord,
    ZenginFormatError,
)
from jinji.rules.zengin.parse import parse_transfer_file

__all__ = [
    "AccountType",
    "BankCharacterError",
    "CharClass",
    "MonthDay",
    "NewCode",
    "RecordSeparator",
    "TransferFile",
    "TransferHeader",
    "TransferKind",
    "TransferMethod",
    "TransferRecord",
    "ZenginFormatError",
    "abbreviate_legal_entity",
    "build_transfer_file",
    "parse_transfer_file",
    "to_bank_kana",
]
