"""The shape of デモ市: 任命権者, the 部/課/係 tree, 出先機関, 職 and 職種 (pure data, no database).

Unit codes are 6 digits ``DDVVSS`` (部・課・係); 出先機関 are 7 digits under their 課
(``DDVV`` + serial). The number of 出先機関 grows with the square root of the staff size,
(sections get more staff with the square root of the size, 出先機関 multiply with its 3/4 power),
so a 1,500-person city has a handful of 支所 and 保育所 and a 100,000-person one has over a hundred.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from jinji.demo.catalog import Town

FOUNDED = datetime.date(1970, 4, 1)
RENAMED_ON = datetime.date(2021, 4, 1)
"""組織改正: 情報政策課 became DX推進課 (its history keeps the old name)."""


@dataclass(frozen=True, slots=True)
class AuthoritySpec:
    key: str
    code: str
    name: str
    kind: str
    payer_code: str
    payer_name: str
    payer_kana: str


AUTHORITIES = (
    AuthoritySpec("mayor", "01", "デモ市長", "mayor", "01", "デモ市(市長部局)", "デモシ"),
    AuthoritySpec(
        "education", "02", "デモ市教育委員会", "education", "02", "デモ市教育委員会", "デモシキヨウイクイインカイ"
    ),
    AuthoritySpec(
        "water",
        "03",
        "デモ市上下水道事業管理者",
        "enterprise",
        "03",
        "デモ市上下水道局",
        "デモシジヨウゲスイドウキヨク",
    ),
)


@dataclass(frozen=True, slots=True)
class PositionSpec:
    code: str
    name: str
    rank: int
    is_unit_head: bool
    is_manager: bool


POSITIONS = (
    PositionSpec("010", "副市長", 9, False, True),
    PositionSpec("020", "教育長", 9, False, True),
    PositionSpec("100", "部長", 7, True, True),
    PositionSpec("200", "次長", 6, False, True),
    PositionSpec("300", "課長", 5, True, True),
    PositionSpec("310", "所長", 5, True, True),
    PositionSpec("400", "課長補佐", 4, False, False),
    PositionSpec("500", "係長", 3, False, False),
    PositionSpec("510", "主査", 3, False, False),
    PositionSpec("600", "主任", 2, False, False),
    PositionSpec("700", "主事", 1, False, False),
    PositionSpec("710", "技師", 1, False, False),
    PositionSpec("900", "事務補助員", 1, False, False),
)

JOB_CATEGORIES = (
    ("01", "一般行政職"),
    ("02", "土木技術職"),
    ("03", "建築技術職"),
    ("04", "保健師"),
    ("05", "保育士"),
    ("06", "司書"),
    ("07", "技能労務職"),
)
SCHEDULE_CODE = "gyosei_1"
SCHEDULE_NAME = "行政職給料表(一)"
MAX_STEP = {1: 93, 2: 125, 3: 113, 4: 93, 5: 85, 6: 77, 7: 61}
"""最高号給 of each 級 (the shape of the national 行政職俸給表(一), 級 1–7)."""


@dataclass(frozen=True, slots=True)
class UnitSpec:
    code: str
    name: str
    level: str
    parent_code: str | None
    authority: str
    sort_order: int
    job: str = "admin"
    """Which 職種 dominate: admin, civil, health, childcare, library, labor."""
    weight: float = 0.0
    """Relative number of regular staff placed here (0 = managers only)."""
    fy_weight: float = 0.0
    """Relative number of 会計年度任用職員."""
    former_name: str = ""
    """Name before :data:`RENAMED_ON`, when the unit was renamed."""


# (code, name, authority, [(課code, 課name, job, [係 names])])
_DEPARTMENTS: tuple[tuple[str, str, str, tuple[tuple[str, str, str, tuple[str, ...]], ...]], ...] = (
    (
        "10",
        "総務部",
        "mayor",
        (
            ("10", "総務課", "admin", ("文書法制係", "庶務係")),
            ("20", "人事課", "admin", ("職員係", "給与係", "研修厚生係")),
            ("30", "財政課", "admin", ("財政係",)),
            ("40", "契約管財課", "admin", ("契約係", "管財係")),
            ("50", "税務課", "admin", ("市民税係", "資産税係", "納税係")),
            ("60", "危機管理課", "admin", ("防災係",)),
        ),
    ),
    (
        "20",
        "企画部",
        "mayor",
        (
            ("10", "企画政策課", "admin", ("企画係", "広報広聴係")),
            ("20", "DX推進課", "admin", ("DX推進係", "情報システム係")),
        ),
    ),
    (
        "30",
        "市民生活部",
        "mayor",
        (
            ("10", "市民課", "admin", ("住民記録係", "戸籍係")),
            ("20", "保険年金課", "admin", ("国保係", "年金係")),
            ("30", "環境政策課", "admin", ("環境保全係", "廃棄物対策係")),
            ("40", "地域振興課", "admin", ("地域振興係",)),
        ),
    ),
    (
        "40",
        "福祉部",
        "mayor",
        (
            ("10", "福祉総務課", "admin", ("福祉総務係", "生活支援係")),
            ("20", "障害福祉課", "admin", ("障害福祉係",)),
            ("30", "高齢福祉課", "admin", ("高齢福祉係", "介護保険係")),
            ("40", "こども家庭課", "admin", ("子育て支援係", "保育係")),
            ("50", "健康推進課", "health", ("健康づくり係", "母子保健係")),
        ),
    ),
    (
        "50",
        "建設部",
        "mayor",
        (
            ("10", "道路課", "civil", ("道路建設係", "道路維持係")),
            ("20", "都市計画課", "arch", ("都市計画係", "建築指導係")),
            ("30", "公園緑地課", "civil", ("公園係",)),
        ),
    ),
    (
        "80",
        "教育委員会事務局",
        "education",
        (
            ("10", "教育総務課", "admin", ("総務係", "施設係")),
            ("20", "学校教育課", "admin", ("学務係", "指導係")),
            ("30", "生涯学習課", "admin", ("社会教育係", "文化スポーツ係")),
        ),
    ),
    (
        "90",
        "上下水道局",
        "water",
        (
            ("10", "経営総務課", "admin", ("総務係", "料金係")),
            ("20", "水道工務課", "civil", ("配水係", "工務係")),
            ("30", "下水道課", "civil", ("下水道整備係", "下水道維持係")),
        ),
    ),
)
# Divisions outside any 部: (code, name, [係]).
_STANDALONE = (
    ("60", "会計課", ("出納係",)),
    ("62", "議会事務局", ("議事調査係", "庶務係")),
    ("64", "監査委員事務局", ("監査係",)),
)
_FORMER_NAMES = {"202000": "情報政策課", "202010": "情報企画係"}
# 出先機関: (parent 課 code, suffix, base count, regular weight, 会計年度 weight, job)
_OFFICES = (
    ("301000", "支所", 3, 8.0, 3.0, "admin"),
    ("303000", "清掃センター", 1, 20.0, 6.0, "labor"),
    ("404000", "保育所", 6, 14.0, 12.0, "childcare"),
    ("803000", "公民館", 3, 3.0, 4.0, "admin"),
    ("803000", "図書館", 1, 8.0, 10.0, "library"),
    ("802000", "学校給食センター", 1, 10.0, 15.0, "labor"),
    ("902000", "浄水場", 1, 10.0, 2.0, "civil"),
    ("903000", "浄化センター", 1, 8.0, 2.0, "civil"),
)
_SECTION_WEIGHT = 6.0
_SECTION_FY_WEIGHT = 1.5
DEMO_SIZE = 1500
"""The staff size the base counts above are made for."""


def _scale(employees: int) -> float:
    return max(employees, 1) / DEMO_SIZE


def _core_units(section_weight: float) -> list[UnitSpec]:
    units: list[UnitSpec] = []
    order = 0
    for dcode, dname, authority, divisions in _DEPARTMENTS:
        order += 1
        dept = f"{dcode}0000"
        units.append(UnitSpec(dept, dname, "department", None, authority, order))
        for vcode, vname, job, sections in divisions:
            order += 1
            div = f"{dcode}{vcode}00"
            units.append(
                UnitSpec(div, vname, "division", dept, authority, order, job, former_name=_FORMER_NAMES.get(div, ""))
            )
            for i, sname in enumerate(sections, start=1):
                order += 1
                code = f"{dcode}{vcode}{i * 10:02d}"
                units.append(
                    UnitSpec(
                        code,
                        sname,
                        "section",
                        div,
                        authority,
                        order,
                        job,
                        section_weight,
                        _SECTION_FY_WEIGHT,
                        _FORMER_NAMES.get(code, ""),
                    )
                )
    for vcode, vname, sections in _STANDALONE:
        order += 1
        div = f"{vcode}1000"
        units.append(UnitSpec(div, vname, "division", None, "mayor", order))
        for i, sname in enumerate(sections, start=1):
            order += 1
            units.append(
                UnitSpec(
                    f"{vcode}10{i * 10:02d}",
                    sname,
                    "section",
                    div,
                    "mayor",
                    order,
                    "admin",
                    section_weight,
                    _SECTION_FY_WEIGHT,
                )
            )
    return units


def _office_name(towns: tuple[Town, ...], index: int, suffix: str) -> str:
    town = towns[index % len(towns)].name
    lap = index // len(towns)
    return f"{town}{suffix}" if lap == 0 else f"{town}第{lap + 1}{suffix}"


def unit_specs(employees: int, towns: tuple[Town, ...]) -> list[UnitSpec]:
    """The whole tree for a city of ``employees`` staff, parents before children."""
    scale = _scale(employees)
    units = _core_units(_SECTION_WEIGHT * max(math.sqrt(scale), 1.0))
    authority_of = {u.code: u.authority for u in units}
    order = len(units)
    serial: dict[str, int] = {}
    for parent, suffix, base, weight, fy_weight, job in _OFFICES:
        count = max(1, round(base * scale**0.75))
        for i in range(count):
            order += 1
            serial[parent] = serial.get(parent, 0) + 1
            code = f"{parent[:4]}{serial[parent]:03d}"
            name = _office_name(towns, i, suffix)
            units.append(UnitSpec(code, name, "office", parent, authority_of[parent], order, job, weight, fy_weight))
    return units
