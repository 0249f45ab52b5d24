"""Read and check a 全銀協規定形式 file; every problem is a :class:`ZenginFormatError`.

Checks: each record is exactly 120 bytes (CRLF-separated or unseparated); records come in the
order header (1) → data (2) … → trailer (8) → end (9), one group per file; every field has the
right kind of bytes; the trailer's 合計件数 and 合計金額 equal the data records' count and sum.
"""

from __future__ import annotations

from typing import TypeVar

from jinji.rules.errors import InvalidArgument
from jinji.rules.zengin import layout as fmt
from jinji.rules.zengin.model import (
    GENERAL_ACCOUNT_TYPES,
    HEADER_ACCOUNT_TYPES,
    SALARY_ACCOUNT_TYPES,
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

E = TypeVar("E")

_RECORD_NAMES = {b"1": "ヘッダーレコード", b"2": "データレコード", b"8": "トレーラーレコード", b"9": "エンドレコード"}


def _refuse_bare_line_breaks(data: bytes) -> None:
    """A CR or LF in a file without CRLF separators: a wrong line ending, named where it sits."""
    found = [i for i in (data.find(b"\n"), data.find(b"\r")) if i >= 0]
    if not found:
        return
    index = min(found)
    number, offset = divmod(index, fmt.RECORD_LENGTH)
    if offset == 0 and number > 0:
        raise ZenginFormatError(
            number, fmt.RECORD_LENGTH + 1, "レコードの区切りが CR または LF だけです。改行コードは CR+LF にしてください"
        )
    raise ZenginFormatError(number + 1, offset + 1, "レコードの途中に改行文字 (CR/LF) があります")


def _split(data: bytes) -> tuple[list[bytes], RecordSeparator]:
    if not isinstance(data, bytes | bytearray):
        raise InvalidArgument(f"全銀ファイルは bytes で渡してください (型: {type(data).__name__})")
    if not data:
        raise ZenginFormatError(1, 1, "ファイルが空です")
    data = bytes(data)
    if b"\r\n" in data:
        separator = RecordSeparator.CRLF
        records = data.split(b"\r\n")
        if records[-1] == b"":
            records.pop()
    else:
        separator = RecordSeparator.NONE
        _refuse_bare_line_breaks(data)
        records = [data[i : i + fmt.RECORD_LENGTH] for i in range(0, len(data), fmt.RECORD_LENGTH)]
    for number, record in enumerate(records, start=1):
        if len(record) == fmt.RECORD_LENGTH:
            continue
        if len(record) < fmt.RECORD_LENGTH:
            raise ZenginFormatError(
                number, len(record) + 1, f"レコード長が {len(record)} バイトです (120 バイト必要です)"
            )
        extra = record[fmt.RECORD_LENGTH : fmt.RECORD_LENGTH + 1]
        hint = " 改行コードは CR+LF にしてください" if extra in (b"\r", b"\n") else ""
        raise ZenginFormatError(
            number, fmt.RECORD_LENGTH + 1, f"レコード長が 120 バイトを超えています ({len(record)} バイト)。{hint}"
        )
    return records, separator


def _enum_at(record: bytes, f: fmt.Field, number: int, allowed: dict[str, E], what: str) -> E:
    raw = f.raw(record).decode("latin-1")
    if raw not in allowed:
        names = "・".join(sorted(allowed))
        raise ZenginFormatError(number, f.start, f"{f.label}「{raw}」は不正です ({what}: {names})")
    return allowed[raw]


def _account_type(record: bytes, f: fmt.Field, number: int, allowed: frozenset[AccountType]) -> AccountType:
    return _enum_at(record, f, number, {a.value: a for a in allowed}, "使える預金種目")


def _parse_header(record: bytes) -> TransferHeader:
    h = fmt.HEADER
    kind_field = fmt.field(h, "kind")
    kind_raw = fmt.decode_digits(record, kind_field, 1)
    kinds = {k.value: k for k in TransferKind}
    if kind_raw not in kinds:
        raise ZenginFormatError(
            1, kind_field.start, f"種別コード「{kind_raw}」には対応していません (11・12・21・71・72)"
        )
    division = fmt.field(h, "code_division")
    if division.raw(record) == b"1":
        raise ZenginFormatError(
            1, division.start, "コード区分 1 (EBCDIC) には対応していません。JIS (0) で作成してください"
        )
    if division.raw(record) != b"0":
        raise ZenginFormatError(1, division.start, "コード区分は 0 (JIS) でなければなりません")
    date_field = fmt.field(h, "transfer_date")
    mmdd = fmt.decode_digits(record, date_field, 1)
    try:
        transfer_date = MonthDay(int(mmdd[:2]), int(mmdd[2:]))
    except InvalidArgument as exc:
        raise ZenginFormatError(1, date_field.start, f"振込指定日「{mmdd}」(MMDD) は存在しない日付です") from exc
    return TransferHeader(
        kind=kinds[kind_raw],
        consignor_code=fmt.decode_digits(record, fmt.field(h, "consignor_code"), 1),
        consignor_name=fmt.decode_text(record, fmt.field(h, "consignor_name"), 1),
        transfer_date=transfer_date,
        bank_code=fmt.decode_digits(record, fmt.field(h, "bank_code"), 1),
        bank_name=fmt.decode_text(record, fmt.field(h, "bank_name"), 1),
        branch_code=fmt.decode_digits(record, fmt.field(h, "branch_code"), 1),
        branch_name=fmt.decode_text(record, fmt.field(h, "branch_name"), 1),
        account_type=_account_type(record, fmt.field(h, "account_type"), 1, HEADER_ACCOUNT_TYPES),
        account_number=fmt.decode_digits(record, fmt.field(h, "account_number"), 1),
    )


_Customer = tuple[str, str, str | None, TransferMethod]


def _customer_part(kind: TransferKind, record: bytes, n: int) -> _Customer:
    """(顧客コード1/社員番号, 顧客コード2/所属コード, EDI情報, 振込指定区分)."""
    if not kind.is_general:
        lay = fmt.DATA_SALARY
        code1 = fmt.decode_text(record, fmt.field(lay, "customer_code1"), n)
        code2 = fmt.decode_text(record, fmt.field(lay, "customer_code2"), n)
        return code1, code2, None, TransferMethod.TELEGRAPHIC
    lay = fmt.DATA_GENERAL
    methods = {m.value: m for m in TransferMethod} | {" ": TransferMethod.UNUSED}
    method = _enum_at(record, fmt.field(lay, "transfer_method"), n, methods, "7 テレ・8 文書・0")
    flag_field = fmt.field(lay, "edi_flag")
    flag = flag_field.raw(record)
    if flag == b"Y":
        return "", "", fmt.decode_text(record, fmt.EDI, n), method
    if flag != b" ":
        raise ZenginFormatError(n, flag_field.start, f"識別表示は「Y」または空白です (値 0x{flag[0]:02X})")
    code1 = fmt.decode_digits(record, fmt.field(lay, "customer_code1"), n, blank_ok=True)
    code2 = fmt.decode_digits(record, fmt.field(lay, "customer_code2"), n, blank_ok=True)
    return code1, code2, None, method


def _parse_data(kind: TransferKind, record: bytes, n: int) -> TransferRecord:
    lay = fmt.DATA_GENERAL if kind.is_general else fmt.DATA_SALARY
    allowed = GENERAL_ACCOUNT_TYPES if kind.is_general else SALARY_ACCOUNT_TYPES
    fmt.decode_digits(record, fmt.field(lay, "clearing_house"), n, blank_ok=True)
    name = fmt.decode_text(record, fmt.field(lay, "recipient_name"), n)
    if not name:
        raise ZenginFormatError(n, fmt.field(lay, "recipient_name").start, "受取人名が空です")
    new_code = _enum_at(record, fmt.field(lay, "new_code"), n, {c.value: c for c in NewCode}, "新規コード")
    code1, code2, edi, method = _customer_part(kind, record, n)
    return TransferRecord(
        bank_code=fmt.decode_digits(record, fmt.field(lay, "bank_code"), n),
        bank_name=fmt.decode_text(record, fmt.field(lay, "bank_name"), n),
        branch_code=fmt.decode_digits(record, fmt.field(lay, "branch_code"), n),
        branch_name=fmt.decode_text(record, fmt.field(lay, "branch_name"), n),
        account_type=_account_type(record, fmt.field(lay, "account_type"), n, allowed),
        account_number=fmt.decode_digits(record, fmt.field(lay, "account_number"), n),
        recipient_name=name,
        amount=int(fmt.decode_digits(record, fmt.field(lay, "amount"), n)),
        new_code=new_code,
        customer_code1=code1,
        customer_code2=code2,
        edi=edi,
        transfer_method=method,
    )


def _check_trailer(record: bytes, n: int, records: list[TransferRecord]) -> None:
    count_field, total_field = fmt.field(fmt.TRAILER, "count"), fmt.field(fmt.TRAILER, "total")
    count = int(fmt.decode_digits(record, count_field, n))
    if count != len(records):
        raise ZenginFormatError(
            n, count_field.start, f"合計件数 {count:,} 件がデータレコードの件数 {len(records):,} 件と一致しません"
        )
    total = int(fmt.decode_digits(record, total_field, n))
    actual = sum(r.amount for r in records)
    if total != actual:
        raise ZenginFormatError(
            n, total_field.start, f"合計金額 {total:,} 円がデータレコードの振込金額の合計 {actual:,} 円と一致しません"
        )


def _unexpected(records: list[bytes], index: int, expected: str) -> ZenginFormatError:
    if index >= len(records):
        return ZenginFormatError(index + 1, 1, f"ファイルが終わっています。{expected}が必要です")
    kind = records[index][:1]
    found = _RECORD_NAMES.get(kind, f"不明なデータ区分「{kind.decode('latin-1')}」")
    return ZenginFormatError(index + 1, 1, f"{found}がありますが、ここには{expected}が必要です")


def parse_transfer_file(data: bytes) -> TransferFile:
    """Parse and check a file written by :func:`build_transfer_file` or a bank-format tool.

    Raises :class:`ZenginFormatError` (record number, byte position, Japanese reason) on the
    first problem found, scanning from the start of the file.
    """
    records, separator = _split(data)
    if records[0][:1] != b"1":
        raise _unexpected(records, 0, "ヘッダーレコード (データ区分 1)")
    header = _parse_header(records[0])
    index = 1
    parsed: list[TransferRecord] = []
    while index < len(records) and records[index][:1] == b"2":
        parsed.append(_parse_data(header.kind, records[index], index + 1))
        index += 1
    if index >= len(records) or records[index][:1] != b"8":
        raise _unexpected(records, index, "データレコード (2) またはトレーラーレコード (8)")
    if not parsed:
        raise ZenginFormatError(index + 1, 1, "データレコードが1件もありません")
    _check_trailer(records[index], index + 1, parsed)
    index += 1
    if index >= len(records) or records[index][:1] != b"9":
        raise _unexpected(records, index, "エンドレコード (データ区分 9)")
    index += 1
    if index < len(records):
        raise _unexpected(records, index, "ファイルの終わり (1ファイル1グループのみ対応)")
    return TransferFile(header=header, records=tuple(parsed), separator=separator)
