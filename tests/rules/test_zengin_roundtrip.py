"""Property: any valid transfer file survives build → parse unchanged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jinji.rules.zengin import (
    AccountType,
    MonthDay,
    NewCode,
    RecordSeparator,
    TransferFile,
    TransferHeader,
    TransferKind,
    TransferMethod,
    TransferRecord,
    build_transfer_file,
    parse_transfer_file,
)

KANA = [chr(c) for c in range(0xFF71, 0xFF9E)]  # ｱ … ﾝ
VOICED = [k + "ﾞ" for k in "ｳｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ"] + [k + "ﾟ" for k in "ﾊﾋﾌﾍﾎ"]
DIGITS = list("0123456789")
UPPER = list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
BANK_TOKENS = [*KANA, *VOICED, *DIGITS, *UPPER, " ", "-"]
PARTY_TOKENS = [*BANK_TOKENS, "(", ")", "."]
EDI_TOKENS = [*PARTY_TOKENS, "/", "\\", "｢", "｣", "ｦ"]


def text(tokens: list[str], max_length: int, *, allow_empty: bool = False) -> st.SearchStrategy[str]:
    """Valid field text: whole tokens (so 濁点 stay attached), no edge spaces, within the length."""
    return (
        st.lists(st.sampled_from(tokens), max_size=max_length)
        .map(lambda parts: "".join(parts).strip(" "))
        .filter(lambda s: len(s) <= max_length and (allow_empty or s != ""))
    )


def digits(length: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=DIGITS, min_size=length, max_size=length)


def headers(kind: TransferKind) -> st.SearchStrategy[TransferHeader]:
    return st.builds(
        TransferHeader,
        kind=st.just(kind),
        consignor_code=digits(10),
        consignor_name=text(PARTY_TOKENS, 40),
        transfer_date=st.dates().map(MonthDay.of),
        bank_code=digits(4),
        bank_name=text(BANK_TOKENS, 15),
        branch_code=digits(3),
        branch_name=text(BANK_TOKENS, 15),
        account_type=st.sampled_from([AccountType.ORDINARY, AccountType.CURRENT, AccountType.OTHER]),
        account_number=digits(7),
    )


def common(kind: TransferKind) -> dict[str, st.SearchStrategy[object]]:
    general = kind is TransferKind.GENERAL
    return {
        "bank_code": digits(4),
        "bank_name": text(BANK_TOKENS, 15),
        "branch_code": digits(3),
        "branch_name": text(BANK_TOKENS, 15),
        "account_type": st.sampled_from(list(AccountType) if general else [AccountType.ORDINARY, AccountType.CURRENT]),
        "account_number": digits(7),
        "recipient_name": text(PARTY_TOKENS, 30),
        "amount": st.integers(min_value=1, max_value=9_999_999_999),
        "new_code": st.sampled_from(list(NewCode)),
    }


def salary_records(kind: TransferKind) -> st.SearchStrategy[TransferRecord]:
    return st.builds(
        TransferRecord,
        customer_code1=text(PARTY_TOKENS, 10, allow_empty=True),
        customer_code2=text(PARTY_TOKENS, 10, allow_empty=True),
        **common(kind),
    )


def general_records() -> st.SearchStrategy[TransferRecord]:
    codes = st.one_of(st.just(""), digits(10))
    with_codes = st.builds(
        TransferRecord,
        customer_code1=codes,
        customer_code2=codes,
        transfer_method=st.sampled_from(list(TransferMethod)),
        **common(TransferKind.GENERAL),
    )
    with_edi = st.builds(
        TransferRecord,
        edi=text(EDI_TOKENS, 20),
        transfer_method=st.sampled_from(list(TransferMethod)),
        **common(TransferKind.GENERAL),
    )
    return st.one_of(with_codes, with_edi)


@st.composite
def files(draw: st.DrawFn) -> TransferFile:
    kind = draw(st.sampled_from(list(TransferKind)))
    records = general_records() if kind is TransferKind.GENERAL else salary_records(kind)
    return TransferFile(
        header=draw(headers(kind)),
        records=tuple(draw(st.lists(records, min_size=1, max_size=8))),
        separator=draw(st.sampled_from(list(RecordSeparator))),
    )


@settings(max_examples=300, deadline=None)
@given(files())
def test_build_then_parse_is_identity(original: TransferFile) -> None:
    data = build_transfer_file(original.header, original.records, separator=original.separator)
    record_size = 120 + len(original.separator.value)
    assert len(data) == record_size * (len(original.records) + 3)
    parsed = parse_transfer_file(data)
    assert parsed == original
    assert parsed.total_amount == sum(r.amount for r in original.records)
