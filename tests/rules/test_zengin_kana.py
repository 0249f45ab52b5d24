"""Names into the 全銀協 character set (付録1 使用文字, bank guides on 小文字・長音・法人略語)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jinji.rules.errors import InvalidArgument
from jinji.rules.zengin import BankCharacterError, CharClass, abbreviate_legal_entity, to_bank_kana


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ヤマダ　タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ"),  # 全角スペース → space; 濁点 separate
        ("やまだ たろう", "ﾔﾏﾀﾞ ﾀﾛｳ"),  # hiragana
        ("ｶﾞｸ", "ｶﾞｸ"),  # already half-width: unchanged
        ("ガギグゲゴ", "ｶﾞｷﾞｸﾞｹﾞｺﾞ"),
        ("パピプペポ", "ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ"),
        ("ヴ", "ｳﾞ"),
        ("キャノン", "ｷﾔﾉﾝ"),  # small kana → large
        ("ショウ", "ｼﾖｳ"),
        ("ハットリ", "ﾊﾂﾄﾘ"),
        ("ァィゥェォヮヵヶ", "ｱｲｳｴｵﾜｶｹ"),
        ("ヨーコ", "ﾖ-ｺ"),  # 長音 → hyphen
        ("スミス・ジョン", "ｽﾐｽ ｼﾞﾖﾝ"),  # 中黒 → space
        ("ＡＢＣ１２３", "ABC123"),
        ("smith john", "SMITH JOHN"),
        ("（カ）ヤマダ．", "(ｶ)ﾔﾏﾀﾞ."),
        ("カ゛", "ｶﾞ"),  # spacing 濁点 U+309B
        ("ハ゜ン", "ﾊﾟﾝ"),  # spacing 半濁点 U+309C
        ("  ヤマダ  ", "ﾔﾏﾀﾞ"),
    ],
)
def test_conversion(text: str, expected: str) -> None:
    assert to_bank_kana(text) == expected


@pytest.mark.parametrize(
    ("text", "position", "character"),
    [
        ("山田", 1, "山"),
        ("ヤマダ 太郎", 5, "太"),
        ("ヲカダ", 1, "ヲ"),  # ｦ only in EDI情報
        ("ヤマダ,タロウ", 4, ","),
        ("ヤマダ、タロウ", 4, "、"),
        ("ﾞｱ", 1, "ﾞ"),  # 濁点 with nothing before it
        ("アﾞ", 2, "ﾞ"),  # 濁点 after a kana that cannot take it
        ("ヷ", 1, "ヷ"),  # ﾜﾞ is not a bank character
        ("カ゜", 2, "゜"),  # 半濁点 only after ﾊ行
        ("Ｍｒ＊", 3, "＊"),
        ("ヰ", 1, "ヰ"),
    ],
)
def test_refusals_name_the_character_and_position(text: str, position: int, character: str) -> None:
    with pytest.raises(BankCharacterError) as info:
        to_bank_kana(text, field="受取人名")
    err = info.value
    assert isinstance(err, InvalidArgument)
    assert (err.position, err.character) == (position, character)
    assert f"受取人名 の {position} 文字目「{character}」" in str(err)


def test_bank_and_branch_names_allow_only_the_hyphen() -> None:
    assert to_bank_kana("ミツビシユーエフジェイ", char_class=CharClass.BANK_NAME) == "ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ"
    with pytest.raises(BankCharacterError, match="店舗名では使えない記号"):
        to_bank_kana("ヤマダ(カ", char_class=CharClass.BANK_NAME)
    with pytest.raises(BankCharacterError):
        to_bank_kana("ヤマダ.", char_class=CharClass.BANK_NAME)


def test_edi_allows_wo_slash_yen_and_brackets() -> None:
    assert to_bank_kana("ヲ/￥「１」", char_class=CharClass.EDI) == "ｦ/\\｢1｣"
    with pytest.raises(BankCharacterError):
        to_bank_kana("A/B")  # '/' is EDI only


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 厚生労働省・銀行の記載例: 先頭 カ)…, 末尾 …(カ, 途中 …(カ)…
        ("カブシキガイシャロウドウショウジ", "ｶ)ﾛｳﾄﾞｳｼﾖｳｼﾞ"),
        ("カブシキガイシャ　ロウドウショウジ", "ｶ)ﾛｳﾄﾞｳｼﾖｳｼﾞ"),
        ("ロウドウショウジカブシキガイシャ", "ﾛｳﾄﾞｳｼﾖｳｼﾞ(ｶ"),
        ("ロウドウショウジ カブシキガイシャ カスミガセキシシャ", "ﾛｳﾄﾞｳｼﾖｳｼﾞ(ｶ)ｶｽﾐｶﾞｾｷｼｼﾔ"),
        ("ユウゲンガイシャヤマダ", "ﾕ)ﾔﾏﾀﾞ"),
        ("ゴウドウガイシャヤマダ", "ﾄﾞ)ﾔﾏﾀﾞ"),
        ("イリョウホウジンシャダンヤマダカイ", "ｲ)ﾔﾏﾀﾞｶｲ"),
        ("コウエキザイダンホウジンヤマダキキン", "ｻﾞｲ)ﾔﾏﾀﾞｷｷﾝ"),
        ("ヤマダショウジ(カ)トウキョウエイギョウショ", "ﾔﾏﾀﾞｼﾖｳｼﾞ(ｶ)ﾄｳｷﾖｳ(ｴｲ"),
        ("カ)ヤマダ", "ｶ)ﾔﾏﾀﾞ"),  # already abbreviated
    ],
)
def test_legal_entity_abbreviations(text: str, expected: str) -> None:
    assert to_bank_kana(text, abbreviate_legal_entities=True) == expected


def test_abbreviation_is_opt_in() -> None:
    assert to_bank_kana("カブシキガイシャヤマダ") == "ｶﾌﾞｼｷｶﾞｲｼﾔﾔﾏﾀﾞ"
    assert abbreviate_legal_entity("ｶﾌﾞｼｷｶﾞｲｼﾔﾔﾏﾀﾞ") == "ｶ)ﾔﾏﾀﾞ"


FULL_WIDTH = st.text(
    alphabet=st.sampled_from(
        list("アイウエオカガキギクグサザシジタダチヂツヅテデトドナハバパヒビピフブプマミヤユヨラワンャュョッー")
        + list("あいうえおがぎぱぴゃゅょっ　ＡＢＣａｂｃ０１２（）．－")
    ),
    max_size=20,
)


@given(FULL_WIDTH)
def test_conversion_is_idempotent_and_stays_in_the_set(text: str) -> None:
    try:
        once: str | None = to_bank_kana(text)
    except BankCharacterError:
        once = None
    assume(once is not None)
    assert once is not None
    assert to_bank_kana(once) == once
    assert set(once) <= CharClass.PARTY_NAME.allowed
    assert len(once.encode("cp932")) == len(once)
