"""全銀協規定形式: byte positions of every field (payroll-rules.md §F1), build errors, parse errors.

Positions below are the 1-based byte ranges of the reference tables, written as slices
``record[start - 1 : end]``; they are typed in from the reference, not read from the code.
"""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from jinji.rules.errors import InvalidArgument, RulesError
from jinji.rules.zengin import (
    AccountType,
    BankCharacterError,
    MonthDay,
    NewCode,
    RecordSeparator,
    TransferHeader,
    TransferKind,
    TransferMethod,
    TransferRecord,
    ZenginFormatError,
    build_transfer_file,
    parse_transfer_file,
)

# JIS X 0201 codes of the half-width katakana used below (the standard's code table)
YAMADA_TARO = bytes([0xD4, 0xCF, 0xC0, 0xDE, 0x20, 0xC0, 0xDB, 0xB3])  # ﾔﾏﾀﾞ ﾀﾛｳ
JINJISHI = bytes([0xBC, 0xDE, 0xDD, 0xBC, 0xDE, 0xBC])  # ｼﾞﾝｼﾞｼ
MIZUHO = bytes([0xD0, 0xBD, 0xDE, 0xCE])  # ﾐｽﾞﾎ
TOKYO = bytes([0xC4, 0xB3, 0xB7, 0xD6, 0xB3])


def span(record: bytes, start: int, end: int) -> bytes:
    """Bytes ``start``..``end`` inclusive, 1-based as in the layout tables."""
    return record[start - 1 : end]


def pad(raw: bytes, length: int) -> bytes:
    return raw + b" " * (length - len(raw))


HEADER = TransferHeader(
    kind=TransferKind.SALARY,
    consignor_code="12345",
    consignor_name="ジンジシ",
    transfer_date=MonthDay(4, 21),
    bank_code="0001",
    bank_name="ミズホ",
    branch_code="1",
    branch_name="トウキョウ",
    account_type=AccountType.ORDINARY,
    account_number="123456",
)
RECORD = TransferRecord(
    bank_code="0005",
    bank_name="ミズホ",
    branch_code="123",
    branch_name="トウキョウ",
    account_type=AccountType.ORDINARY,
    account_number="7654321",
    recipient_name="やまだ　たろう",
    amount=312_345,
    new_code=NewCode.FIRST,
    customer_code1="A001",
    customer_code2="B20",
)
SECOND = dataclasses.replace(RECORD, amount=1_000, account_number="1", new_code=NewCode.OTHER)


def records(data: bytes) -> list[bytes]:
    parts = data.split(b"\r\n")
    assert parts[-1] == b""
    return parts[:-1]


def test_every_record_is_120_bytes_plus_crlf() -> None:
    data = build_transfer_file(HEADER, [RECORD, SECOND])
    assert len(data) == 5 * 122
    assert [len(r) for r in records(data)] == [120] * 5
    assert [r[:1] for r in records(data)] == [b"1", b"2", b"2", b"8", b"9"]


def test_no_separator_option() -> None:
    data = build_transfer_file(HEADER, [RECORD], separator=RecordSeparator.NONE)
    assert len(data) == 4 * 120
    assert b"\r" not in data
    assert b"\n" not in data


def test_header_fields_at_their_byte_positions() -> None:
    h = records(build_transfer_file(HEADER, [RECORD]))[0]
    assert span(h, 1, 1) == b"1"  # データ区分
    assert span(h, 2, 3) == b"71"  # 種別コード 給与振込(地方公務員)
    assert span(h, 4, 4) == b"0"  # コード区分 JIS
    assert span(h, 5, 14) == b"0000012345"  # 委託者コード N10, zero-padded
    assert span(h, 15, 54) == pad(JINJISHI, 40)  # 委託者名 C40
    assert span(h, 55, 58) == b"0421"  # 振込指定日 MMDD
    assert span(h, 59, 62) == b"0001"  # 仕向銀行番号
    assert span(h, 63, 77) == pad(MIZUHO, 15)  # 仕向銀行名
    assert span(h, 78, 80) == b"001"  # 仕向支店番号 N3
    assert span(h, 81, 95) == pad(TOKYO, 15)  # 仕向支店名
    assert span(h, 96, 96) == b"1"  # 預金種目 普通
    assert span(h, 97, 103) == b"0123456"  # 口座番号 N7
    assert span(h, 104, 120) == b" " * 17  # ダミー


def test_salary_data_record_fields() -> None:
    d = records(build_transfer_file(HEADER, [RECORD]))[1]
    assert span(d, 1, 1) == b"2"
    assert span(d, 2, 5) == b"0005"  # 被仕向銀行番号
    assert span(d, 6, 20) == pad(MIZUHO, 15)  # 被仕向銀行名
    assert span(d, 21, 23) == b"123"  # 被仕向支店番号
    assert span(d, 24, 38) == pad(TOKYO, 15)  # 被仕向支店名
    assert span(d, 39, 42) == b"    "  # 手形交換所番号 (unused)
    assert span(d, 43, 43) == b"1"  # 預金種目
    assert span(d, 44, 50) == b"7654321"  # 口座番号
    assert span(d, 51, 80) == pad(YAMADA_TARO, 30)  # 受取人名
    assert span(d, 81, 90) == b"0000312345"  # 振込金額 N10
    assert span(d, 91, 91) == b"1"  # 新規コード 第1回振込分
    assert span(d, 92, 101) == b"A001      "  # 社員番号 C10, left-aligned
    assert span(d, 102, 111) == b"B20       "  # 所属コード C10
    assert span(d, 112, 120) == b" " * 9  # ダミー (9 bytes: no 振込指定区分/識別表示 in 給与振込)


def test_bonus_kind_code() -> None:
    h = records(build_transfer_file(dataclasses.replace(HEADER, kind=TransferKind.BONUS), [RECORD]))[0]
    assert span(h, 2, 3) == b"72"


GENERAL = dataclasses.replace(HEADER, kind=TransferKind.GENERAL)
GENERAL_RECORD = dataclasses.replace(
    RECORD, customer_code1="42", customer_code2="9876543210", account_type=AccountType.SAVINGS
)


def test_general_data_record_fields() -> None:
    data = records(build_transfer_file(GENERAL, [GENERAL_RECORD]))
    assert span(data[0], 2, 3) == b"21"
    d = data[1]
    assert span(d, 43, 43) == b"4"  # 貯蓄預金 is allowed in 総合振込
    assert span(d, 92, 101) == b"0000000042"  # 顧客コード1 N10, zero-padded
    assert span(d, 102, 111) == b"9876543210"  # 顧客コード2
    assert span(d, 112, 112) == b"7"  # 振込指定区分 テレ振込
    assert span(d, 113, 113) == b" "  # 識別表示: not EDI
    assert span(d, 114, 120) == b" " * 7  # ダミー


def test_general_data_record_with_edi() -> None:
    rec = dataclasses.replace(
        RECORD, customer_code1="", customer_code2="", edi="INV-2026/04", transfer_method=TransferMethod.DOCUMENT
    )
    d = records(build_transfer_file(GENERAL, [rec]))[1]
    assert span(d, 92, 111) == pad(b"INV-2026/04", 20)  # EDI情報 C20 over 顧客コード1/2
    assert span(d, 112, 112) == b"8"  # 文書振込
    assert span(d, 113, 113) == b"Y"  # 識別表示


def test_trailer_and_end_records() -> None:
    data = records(build_transfer_file(HEADER, [RECORD, SECOND]))
    t, e = data[3], data[4]
    assert span(t, 1, 1) == b"8"
    assert span(t, 2, 7) == b"000002"  # 合計件数 N6
    assert span(t, 8, 19) == b"000000313345"  # 合計金額 N12 = 312,345 + 1,000
    assert span(t, 20, 120) == b" " * 101
    assert e == b"9" + b" " * 119


def test_bytes_are_shift_jis_single_byte_codes() -> None:
    d = records(build_transfer_file(HEADER, [RECORD]))[1]
    assert span(d, 51, 58) == "ﾔﾏﾀﾞ ﾀﾛｳ".encode("shift_jis") == "ﾔﾏﾀﾞ ﾀﾛｳ".encode("cp932")


# ---- build errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"amount": 0}, "1 件目.*振込金額"),
        ({"amount": 10_000_000_000}, "振込金額 は 1 以上 9,999,999,999 以下"),
        ({"amount": 1.5}, "振込金額 は整数"),
        ({"account_type": AccountType.SAVINGS}, "預金種目は 1・2"),
        ({"account_number": "12345678"}, "口座番号 は7桁以内"),
        ({"bank_code": "A001"}, "被仕向銀行番号 は半角数字"),
        ({"recipient_name": "ア" * 31}, "受取人名 は半角30文字以内"),
        ({"recipient_name": "   "}, "受取人名が空"),
        ({"edi": "X"}, "EDI情報は総合振込でのみ"),
    ],
)
def test_build_refuses_bad_records_naming_record_and_field(change: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        build_transfer_file(HEADER, [dataclasses.replace(RECORD, **change)])  # type: ignore[arg-type]


def test_build_refuses_kanji_with_character_and_position() -> None:
    with pytest.raises(BankCharacterError) as info:
        build_transfer_file(HEADER, [SECOND, dataclasses.replace(RECORD, recipient_name="ヤマダ 太郎")])
    err = info.value
    assert (err.character, err.position) == ("太", 5)
    assert "データレコード 2 件目" in str(err)
    assert "受取人名" in str(err)
    assert "5 文字目「太」" in str(err)


def test_build_refuses_an_empty_file_and_edi_with_codes() -> None:
    with pytest.raises(InvalidArgument, match="1件も"):
        build_transfer_file(HEADER, [])
    with pytest.raises(InvalidArgument, match="同時に"):
        build_transfer_file(GENERAL, [dataclasses.replace(RECORD, edi="X")])


def test_header_checks() -> None:
    with pytest.raises(InvalidArgument, match="依頼人口座の預金種目"):
        build_transfer_file(dataclasses.replace(HEADER, account_type=AccountType.SAVINGS), [RECORD])
    with pytest.raises(InvalidArgument, match="存在しない"):
        MonthDay(2, 30)
    assert MonthDay(2, 29).mmdd() == "0229"
    with pytest.raises(InvalidArgument, match="MonthDay"):
        build_transfer_file(dataclasses.replace(HEADER, transfer_date=datetime.date(2026, 4, 21)), [RECORD])  # type: ignore[arg-type]
    assert MonthDay.of(datetime.date(2026, 4, 21)) == MonthDay(4, 21)


# ---- parse errors --------------------------------------------------------------------------------

GOOD = build_transfer_file(HEADER, [RECORD, SECOND])


def with_records(parts: list[bytes]) -> bytes:
    return b"".join(p + b"\r\n" for p in parts)


def replace_bytes(record: bytes, start: int, new: bytes) -> bytes:
    return record[: start - 1] + new + record[start - 1 + len(new) :]


def parse_error(data: bytes) -> ZenginFormatError:
    with pytest.raises(ZenginFormatError) as info:
        parse_transfer_file(data)
    assert isinstance(info.value, RulesError)
    return info.value


def test_parse_reads_back_what_was_built() -> None:
    parsed = parse_transfer_file(GOOD)
    assert parsed.header.consignor_code == "0000012345"
    assert parsed.header.consignor_name == "ｼﾞﾝｼﾞｼ"
    assert parsed.records[0].recipient_name == "ﾔﾏﾀﾞ ﾀﾛｳ"
    assert (parsed.record_count, parsed.total_amount) == (2, 313_345)
    assert parsed.separator is RecordSeparator.CRLF


def test_short_record_is_reported_with_record_and_byte() -> None:
    parts = records(GOOD)
    parts[1] = parts[1][:119]
    err = parse_error(with_records(parts))
    assert (err.record_number, err.byte_position) == (2, 120)
    assert "第2レコード 120バイト目" in str(err)
    assert "119 バイト" in str(err)


def test_long_record_is_reported() -> None:
    parts = records(GOOD)
    parts[2] = parts[2] + b" "
    err = parse_error(with_records(parts))
    assert (err.record_number, err.byte_position) == (3, 121)


def test_unseparated_file_with_a_short_last_record() -> None:
    data = build_transfer_file(HEADER, [RECORD], separator=RecordSeparator.NONE)[:-5]
    err = parse_error(data)
    assert (err.record_number, err.byte_position) == (4, 116)


def test_lf_only_file_is_refused_with_a_hint() -> None:
    data = GOOD.replace(b"\r\n", b"\n")
    err = parse_error(data)
    assert (err.record_number, err.byte_position) == (1, 121)
    assert "CR+LF" in str(err)


def test_bad_trailer_count() -> None:
    parts = records(GOOD)
    parts[3] = replace_bytes(parts[3], 2, b"000003")
    err = parse_error(with_records(parts))
    assert (err.record_number, err.byte_position) == (4, 2)
    assert "第4レコード 2バイト目" in str(err)
    assert "合計件数 3 件" in str(err)
    assert "2 件" in str(err)


def test_bad_trailer_total() -> None:
    parts = records(GOOD)
    parts[3] = replace_bytes(parts[3], 8, b"000000313346")
    err = parse_error(with_records(parts))
    assert (err.record_number, err.byte_position) == (4, 8)
    assert "合計金額 313,346 円" in str(err)
    assert "313,345 円" in str(err)


def test_non_digit_in_amount() -> None:
    parts = records(GOOD)
    parts[2] = replace_bytes(parts[2], 85, b"X")
    err = parse_error(with_records(parts))
    assert (err.record_number, err.byte_position) == (3, 85)
    assert "振込金額" in str(err)


def test_disallowed_character_in_name() -> None:
    parts = records(GOOD)
    parts[1] = replace_bytes(parts[1], 52, bytes([0xA6]))  # ｦ
    err = parse_error(with_records(parts))
    assert (err.record_number, err.byte_position) == (2, 52)
    assert "受取人名" in str(err)
    assert "ｦ" in str(err)


def test_double_byte_character_is_refused() -> None:
    parts = records(GOOD)
    parts[1] = replace_bytes(parts[1], 51, "ア".encode("cp932"))
    err = parse_error(with_records(parts))
    assert (err.record_number, err.byte_position) == (2, 51)


@pytest.mark.parametrize(
    ("order", "record_number", "message"),
    [
        ([1, 2, 3, 5, 4], 4, "エンドレコードがありますが、ここにはデータレコード \\(2\\) またはトレーラーレコード"),
        ([2, 1, 3, 4, 5], 1, "ヘッダーレコード \\(データ区分 1\\)"),
        ([1, 2, 3, 4], 5, "ファイルが終わっています。エンドレコード"),
        ([1, 2, 3, 4, 5, 5], 6, "ファイルの終わり"),
        ([1, 4, 5], 2, "データレコードが1件もありません"),
        ([1, 2, 1, 3, 4, 5], 3, "ヘッダーレコードがありますが"),
    ],
)
def test_record_order(order: list[int], record_number: int, message: str) -> None:
    parts = records(GOOD)
    err = parse_error(with_records([parts[i - 1] for i in order]))
    assert err.record_number == record_number
    assert err.byte_position == 1
    assert err.detail is not None
    with pytest.raises(ZenginFormatError, match=message):
        raise err


@pytest.mark.parametrize(
    ("start", "new", "message"),
    [
        (2, b"99", "種別コード「99」"),
        (4, b"1", "EBCDIC"),
        (55, b"0230", "振込指定日「0230」"),
        (96, b"4", "預金種目(依頼人)「4」"),
    ],
)
def test_header_field_errors(start: int, new: bytes, message: str) -> None:
    parts = records(GOOD)
    parts[0] = replace_bytes(parts[0], start, new)
    err = parse_error(with_records(parts))
    assert (err.record_number, err.byte_position) == (1, start)
    assert message in str(err)


def test_empty_and_non_bytes_input() -> None:
    assert parse_error(b"").record_number == 1
    with pytest.raises(InvalidArgument):
        parse_transfer_file("1" * 120)  # type: ignore[arg-type]


def test_edi_flag_must_be_y_or_blank() -> None:
    parts = records(build_transfer_file(GENERAL, [GENERAL_RECORD]))
    parts[1] = replace_bytes(parts[1], 113, b"N")
    err = parse_error(with_records(parts))
    assert (err.record_number, err.byte_position) == (2, 113)
