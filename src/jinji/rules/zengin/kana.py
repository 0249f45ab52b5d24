"""Names for 全銀 files: full-width kana/hiragana/alphanumerics → the banks' half-width set.

Permitted characters (全国銀行協会 「全銀協規定形式」 付録1 使用文字一覧; cross-checked with
PCA「全銀協使用可能文字」 and bank guides — see payroll-rules.md §F1 [S90]):

* 店舗名 (bank and branch names): ｱ–ﾝ (no ｦ, no small kana), ﾞ ﾟ, A–Z, 0–9, space, ``-``.
* 口座名等 (委託者名, 受取人名): the same plus ``( ) .``.
* EDI情報: 口座名等 plus ｦ, ``/``, ``\\`` (¥), ``｢ ｣``.

Conversion rules applied (what banks require, per their published guides):

* 濁点/半濁点 become separate characters (ガ → ｶﾞ); small kana become large (ャ → ﾔ, ッ → ﾂ);
  hiragana are treated as katakana; ー and dashes become ``-``; a-z become A-Z; 全角 → 半角;
  ・ and 全角スペース become a space.
* Anything else (kanji, ｦ outside EDI, commas …) is refused with its position; no reading
  is guessed and nothing is truncated.
* Optional 法人略語: 「カブシキガイシャヤマダ」 → ``ｶ)ﾔﾏﾀﾞ``; at the end ``ﾔﾏﾀﾞ(ｶ``; in the
  middle ``ﾔﾏﾀﾞ(ｶ)ﾄｳｷﾖｳｼﾃﾝ`` (全銀協 法人略語・営業所略語・事業略語).
"""

from __future__ import annotations

import unicodedata
from enum import Enum

from jinji.rules.errors import InvalidArgument

_KANA = frozenset(chr(c) for c in range(0xFF71, 0xFF9E))  # ｱ … ﾝ
_MARKS = frozenset("\uff9e\uff9f")  # ﾞ ﾟ
_DIGITS = frozenset("0123456789")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_VOICEABLE = frozenset("ｳｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ")
_SEMI_VOICEABLE = frozenset("ﾊﾋﾌﾍﾎ")
_SMALL_TO_LARGE = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_DASHES = frozenset("ー\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
# full-width katakana → half-width, derived from Unicode's own compatibility mapping
_HALF: dict[str, str] = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF61, 0xFF9E)}


class CharClass(Enum):
    """Which permitted set a field uses (付録1)."""

    BANK_NAME = "店舗名"
    PARTY_NAME = "口座名等"
    EDI = "EDI情報"

    @property
    def allowed(self) -> frozenset[str]:
        return _ALLOWED[self]


_BASE = _KANA | _MARKS | _DIGITS | _UPPER | {" "}
_ALLOWED: dict[CharClass, frozenset[str]] = {
    CharClass.BANK_NAME: _BASE | {"-"},
    CharClass.PARTY_NAME: _BASE | set("()-."),
    CharClass.EDI: _BASE | set("()-./\\｢｣ｦ"),
}


class BankCharacterError(InvalidArgument):
    """A character the bank set cannot carry; ``position`` is 1-based in the input text."""

    def __init__(self, field: str, position: int, character: str, reason: str) -> None:
        self.field = field
        self.position = position
        self.character = character
        super().__init__(
            f"{field} の {position} 文字目「{character}」(U+{ord(character):04X}) は"
            f"全銀協の使用可能文字に変換できません: {reason}"
        )


def _narrow(char: str, cls: CharClass) -> str | None:
    """One NFKC/NFD component → one half-width character, or None if it has no mapping."""
    if "a" <= char <= "z":
        return char.upper()
    if char in _DASHES:
        return "-"
    if char in ("・", "\u3000"):
        return " "
    if char in ("¥", "\\") and cls is CharClass.EDI:
        return "\\"
    if "\u3041" <= char <= "\u3096":  # hiragana → katakana
        char = chr(ord(char) + 0x60)
    if char == "\u3099":
        return "ﾞ"
    if char == "\u309a":
        return "ﾟ"
    char = char.translate(_SMALL_TO_LARGE)
    if char in _HALF:
        return _HALF[char]
    return char if char.isascii() else None


def _reason(char: str, produced: str | None, cls: CharClass) -> str:
    if produced == "ｦ":
        return "ｦ は EDI情報以外では使えません (口座名義の表記を金融機関に確認してください)"
    if produced is not None and produced in _ALLOWED[CharClass.EDI] | _ALLOWED[CharClass.PARTY_NAME]:
        return f"{cls.value}では使えない記号です"
    if produced == ",":
        return "カンマは使えません"
    if unicodedata.category(char).startswith("L") and not char.isascii():
        return "カナに変換できない文字です (漢字等は読みをカナで入力してください)"
    return f"{cls.value}で使える文字はカナ・英大文字・数字・スペース・一部の記号だけです"


def to_bank_kana(
    text: str,
    *,
    field: str = "名称",
    char_class: CharClass = CharClass.PARTY_NAME,
    abbreviate_legal_entities: bool = False,
) -> str:
    """Convert ``text`` to the bank character set; :class:`BankCharacterError` names the culprit.

    Leading/trailing spaces are removed. Idempotent on text that is already valid.
    """
    if not isinstance(text, str):
        raise InvalidArgument(f"{field} は文字列で指定してください: {text!r}")
    allowed = char_class.allowed
    out: list[str] = []
    for position, raw in enumerate(text, start=1):
        source = {"\u309b": "\u3099", "\u309c": "\u309a"}.get(raw, raw)  # spacing ゛゜ → combining
        for component in unicodedata.normalize("NFD", unicodedata.normalize("NFKC", source)):
            produced = _narrow(component, char_class)
            if produced is None or produced not in allowed:
                raise BankCharacterError(field, position, raw, _reason(raw, produced, char_class))
            if produced in _MARKS:
                base = out[-1] if out else ""
                ok = base in (_SEMI_VOICEABLE if produced == "ﾟ" else _VOICEABLE)
                if not ok:
                    raise BankCharacterError(field, position, raw, f"「{produced}」を付けられる文字の後ではありません")
            out.append(produced)
    result = "".join(out).strip(" ")
    if abbreviate_legal_entities:
        result = abbreviate_legal_entity(result)
    return result


# (reading in full-width katakana, abbreviation) — 全銀協 法人略語 / 営業所略語 / 事業略語 as
# published by banks (e.g. 京葉銀行, 常陽銀行) and 厚生労働省's 記載例. Longest reading wins.
_ABBREVIATIONS_FULL: tuple[tuple[str, str], ...] = (
    ("カブシキガイシャ", "カ"),
    ("カブシキカイシャ", "カ"),
    ("ユウゲンガイシャ", "ユ"),
    ("ユウゲンカイシャ", "ユ"),
    ("ゴウメイガイシャ", "メ"),
    ("ゴウシガイシャ", "シ"),
    ("ゴウドウガイシャ", "ド"),
    ("イリョウホウジンシャダン", "イ"),
    ("イリョウホウジンザイダン", "イ"),
    ("シャカイイリョウホウジン", "イ"),
    ("イリョウホウジン", "イ"),
    ("イッパンザイダンホウジン", "ザイ"),
    ("コウエキザイダンホウジン", "ザイ"),
    ("ザイダンホウジン", "ザイ"),
    ("イッパンシャダンホウジン", "シヤ"),
    ("コウエキシャダンホウジン", "シヤ"),
    ("シャダンホウジン", "シヤ"),
    ("シュウキョウホウジン", "シユウ"),
    ("ガッコウホウジン", "ガク"),
    ("シャカイフクシホウジン", "フク"),
    ("ソウゴガイシャ", "ソ"),
    ("コウセイホゴホウジン", "ホゴ"),
    ("トクテイヒエイリカツドウホウジン", "トクヒ"),
    ("チホウドクリツギョウセイホウジン", "チドク"),
    ("ドクリツギョウセイホウジン", "ドク"),
    ("ベンゴシホウジン", "ベン"),
    ("ギョウセイショシホウジン", "ギヨ"),
    ("シホウショシホウジン", "シホウ"),
    ("ゼイリシホウジン", "ゼイ"),
    ("コクリツダイガクホウジン", "ダイ"),
    ("コウリツダイガクホウジン", "ダイ"),
    ("ノウジクミアイホウジン", "ノウ"),
    ("カンリクミアイホウジン", "カンリ"),
    ("シャカイホケンロウムシホウジン", "ロウム"),
    ("エイギョウショ", "エイ"),
    ("シュッチョウジョ", "シユツ"),
    ("レンゴウカイ", "レン"),
    ("キョウサイクミアイ", "キヨウサイ"),
    ("キョウドウクミアイ", "キヨウクミ"),
    ("セイカツキョウドウクミアイ", "セイキヨウ"),
    ("ケンコウホケンクミアイ", "ケンポ"),
    ("ロウドウクミアイ", "ロウクミ"),
    ("シャカイフクシキョウギカイ", "シヤキヨウ"),
)


def _half(text: str) -> str:
    return to_bank_kana(text, field="法人略語表")


_ABBREVIATIONS: tuple[tuple[str, str], ...] = tuple(
    sorted(((_half(r), _half(a)) for r, a in _ABBREVIATIONS_FULL), key=lambda p: -len(p[0]))
)


def abbreviate_legal_entity(name: str) -> str:
    """Replace spelled-out 法人格/営業所/事業 words in a half-width bank name by 全銀協 略語.

    Start: ``ｶ)ﾔﾏﾀﾞ``; end: ``ﾔﾏﾀﾞ(ｶ``; middle: ``ﾔﾏﾀﾞ(ｶ)ｼﾃﾝ``. Spaces next to the word go.
    """
    out: list[str] = []
    i = 0
    while i < len(name):
        for reading, abbr in _ABBREVIATIONS:
            if name.startswith(reading, i):
                head = "".join(out).rstrip(" ")
                tail_start = i + len(reading)
                tail = name[tail_start:].lstrip(" ")
                if not head:
                    token = f"{abbr})"
                elif not tail:
                    token = f"({abbr}"
                else:
                    token = f"({abbr})"
                out = [head, token]
                i = len(name) - len(tail)
                break
        else:
            out.append(name[i])
            i += 1
    return "".join(out)
