"""Write a 全銀協規定形式 file: header (1), data (2) …, trailer (8), end (9)."""

from __future__ import annotations

from collections.abc import Iterable

from jinji.rules.errors import InvalidArgument
from jinji.rules.zengin import layout as fmt
from jinji.rules.zengin.model import (
    GENERAL_ACCOUNT_TYPES,
    HEADER_ACCOUNT_TYPES,
    SALARY_ACCOUNT_TYPES,
    AccountType,
    MonthDay,
    RecordSeparator,
    TransferHeader,
    TransferKind,
    TransferRecord,
)

CODE_DIVISION_JIS = "0"
MAX_AMOUNT = 9_999_999_999
"""振込金額 N(10)."""


def _join(layout: tuple[fmt.Field, ...], parts: dict[str, bytes]) -> bytes:
    record = b"".join(parts.get(f.key, b" " * f.length) for f in layout)
    if len(record) != fmt.RECORD_LENGTH:  # pragma: no cover - guarded by the layout check
        raise RuntimeError(f"レコード長が {len(record)} バイトになりました")
    return record


def _account_type(value: AccountType, allowed: frozenset[AccountType], label: str) -> bytes:
    if not isinstance(value, AccountType) or value not in allowed:
        names = "・".join(sorted(a.value for a in allowed))
        raise InvalidArgument(f"{label}の預金種目は {names} のいずれかです: {value!r}")
    return value.value.encode("ascii")


def header_record(header: TransferHeader) -> bytes:
    """ヘッダーレコード (データ区分 1)."""
    if not isinstance(header.kind, TransferKind):
        raise InvalidArgument(f"種別コードは TransferKind で指定してください: {header.kind!r}")
    if not isinstance(header.transfer_date, MonthDay):
        raise InvalidArgument(f"振込指定日は MonthDay で指定してください (MonthDay.of(日付)): {header.transfer_date!r}")
    ctx = "ヘッダーレコードの"
    h = fmt.HEADER
    return _join(
        h,
        {
            "record_type": b"1",
            "kind": header.kind.value.encode("ascii"),
            "code_division": CODE_DIVISION_JIS.encode("ascii"),
            "consignor_code": fmt.encode_digits(header.consignor_code, fmt.field(h, "consignor_code"), ctx),
            "consignor_name": fmt.encode_text(header.consignor_name, fmt.field(h, "consignor_name"), ctx),
            "transfer_date": header.transfer_date.mmdd().encode("ascii"),
            "bank_code": fmt.encode_digits(header.bank_code, fmt.field(h, "bank_code"), ctx),
            "bank_name": fmt.encode_text(header.bank_name, fmt.field(h, "bank_name"), ctx),
            "branch_code": fmt.encode_digits(header.branch_code, fmt.field(h, "branch_code"), ctx),
            "branch_name": fmt.encode_text(header.branch_name, fmt.field(h, "branch_name"), ctx),
            "account_type": _account_type(header.account_type, HEADER_ACCOUNT_TYPES, "依頼人口座"),
            "account_number": fmt.encode_digits(header.account_number, fmt.field(h, "account_number"), ctx),
        },
    )


def _customer_fields(kind: TransferKind, rec: TransferRecord, ctx: str) -> dict[str, bytes]:
    if not kind.is_general:
        if rec.edi is not None:
            raise InvalidArgument(f"{ctx}EDI情報は総合振込でのみ使えます")
        lay = fmt.DATA_SALARY
        return {
            "customer_code1": fmt.encode_text(rec.customer_code1, fmt.field(lay, "customer_code1"), ctx),
            "customer_code2": fmt.encode_text(rec.customer_code2, fmt.field(lay, "customer_code2"), ctx),
        }
    lay = fmt.DATA_GENERAL
    parts = {"transfer_method": rec.transfer_method.value.encode("ascii")}
    if rec.edi is not None:
        if rec.customer_code1 or rec.customer_code2:
            raise InvalidArgument(f"{ctx}EDI情報と顧客コードは同時に指定できません (同じ20バイトを使います)")
        edi = fmt.encode_text(rec.edi, fmt.EDI, ctx)
        return parts | {"customer_code1": edi[:10], "customer_code2": edi[10:], "edi_flag": b"Y"}
    for key in ("customer_code1", "customer_code2"):
        value: str = getattr(rec, key)
        if value:
            parts[key] = fmt.encode_digits(value, fmt.field(lay, key), ctx)
    return parts


def data_record(kind: TransferKind, rec: TransferRecord, index: int) -> bytes:
    """データレコード (データ区分 2); ``index`` (1-based) is used in error messages."""
    ctx = f"データレコード {index} 件目 ({rec.recipient_name}) の"
    lay = fmt.DATA_GENERAL if kind.is_general else fmt.DATA_SALARY
    allowed = GENERAL_ACCOUNT_TYPES if kind.is_general else SALARY_ACCOUNT_TYPES
    parts = {
        "record_type": b"2",
        "bank_code": fmt.encode_digits(rec.bank_code, fmt.field(lay, "bank_code"), ctx),
        "bank_name": fmt.encode_text(rec.bank_name, fmt.field(lay, "bank_name"), ctx),
        "branch_code": fmt.encode_digits(rec.branch_code, fmt.field(lay, "branch_code"), ctx),
        "branch_name": fmt.encode_text(rec.branch_name, fmt.field(lay, "branch_name"), ctx),
        "account_type": _account_type(rec.account_type, allowed, f"{ctx}{kind.label}"),
        "account_number": fmt.encode_digits(rec.account_number, fmt.field(lay, "account_number"), ctx),
        "recipient_name": fmt.encode_text(rec.recipient_name, fmt.field(lay, "recipient_name"), ctx),
        "amount": fmt.encode_amount(rec.amount, fmt.field(lay, "amount"), ctx, minimum=1),
        "new_code": rec.new_code.value.encode("ascii"),
    }
    if not parts["recipient_name"].strip():
        raise InvalidArgument(f"{ctx}受取人名が空です")
    return _join(lay, parts | _customer_fields(kind, rec, ctx))


def trailer_record(count: int, total: int) -> bytes:
    """トレーラーレコード (データ区分 8): 合計件数 N6, 合計金額 N12."""
    t = fmt.TRAILER
    return _join(
        t,
        {
            "record_type": b"8",
            "count": fmt.encode_amount(count, fmt.field(t, "count"), "トレーラーレコードの"),
            "total": fmt.encode_amount(total, fmt.field(t, "total"), "トレーラーレコードの"),
        },
    )


def end_record() -> bytes:
    """エンドレコード (データ区分 9)."""
    return _join(fmt.END, {"record_type": b"9"})


def build_transfer_file(
    header: TransferHeader,
    records: Iterable[TransferRecord],
    *,
    separator: RecordSeparator = RecordSeparator.CRLF,
) -> bytes:
    """The whole file as bytes (JIS X 0201 in Shift_JIS/CP932 single-byte codes, コード区分 0).

    Every record is 120 bytes followed by ``separator`` (CRLF by default, or nothing). Names
    are converted with :func:`~jinji.rules.zengin.kana.to_bank_kana`; anything the bank set
    cannot carry, or that is too long, raises :class:`InvalidArgument` naming the record and
    field. Nothing is truncated. Amounts are int yen, 1 to 9,999,999,999 each.
    """
    recs = tuple(records)
    if not recs:
        raise InvalidArgument("データレコードが1件もありません")
    lines = [header_record(header)]
    lines.extend(data_record(header.kind, rec, i) for i, rec in enumerate(recs, start=1))
    lines.append(trailer_record(len(recs), sum(r.amount for r in recs)))
    lines.append(end_record())
    sep = separator.value
    return b"".join(line + sep for line in lines)
