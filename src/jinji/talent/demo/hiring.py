"""Demo steps for recruitment (横浜 デジタル職, 甲府 任期付ICT専門職), terms and the 資格手当."""

from __future__ import annotations

import datetime

from jinji.talent.dates import fiscal_year_end, fiscal_year_of
from jinji.talent.demo.context import DAY, Demo
from jinji.talent.models import Qualification, RecruitmentCategory, RuleKind, TermAppointment
from jinji.talent.services import (
    allowance_rule_create,
    applicant_register,
    applicant_status_set,
    eligibility_rule_add,
    recruitment_category_create,
)

IPA_DIGITAL = (
    "ipa_sg",
    "ipa_fe",
    "ipa_ap",
    "ipa_st",
    "ipa_sa",
    "ipa_pm",
    "ipa_nw",
    "ipa_db",
    "ipa_es",
    "ipa_sm",
    "ipa_au",
    "ipa_sc",
)
"""The exams that qualify for the デモ市 デジタル職 (ITパスポート alone does not)."""


def _applicant(
    d: Demo,
    category: RecruitmentCategory,
    name: tuple[str, str, str, str],
    *,
    born: datetime.date,
    codes: tuple[str, ...] = (),
    years: int = 0,
    status: tuple[str, ...] = (),
) -> None:
    a = applicant_register(
        acting_user=d.hr,
        category=category,
        family_name=name[0],
        given_name=name[1],
        family_name_kana=name[2],
        given_name_kana=name[3],
        birth_date=born,
        experience_years=years,
        qualifications=[d.qualification(c) for c in codes],
        on=d.on,
    )
    for step in status:
        a = applicant_status_set(acting_user=d.hr, applicant=a, status=step)


def _category(d: Demo, code: str, name: str, appointment_type: str, description: str = "") -> RecruitmentCategory:
    return recruitment_category_create(
        acting_user=d.hr,
        organization=d.org,
        code=code,
        name=name,
        appointment_type=appointment_type,
        description=description,
    )


def recruitment(d: Demo) -> None:
    """横浜: デジタル職 needs one of the IPA exams; 甲府: former 県 IT staff rehired on a fixed term."""
    offered = ("screening", "interview", "offered")
    digital = _category(d, "digital", "デジタル職", "regular", "IPAの情報処理技術者試験等のいずれかに合格していること")
    eligibility_rule_add(
        acting_user=d.hr,
        category=digital,
        kind=RuleKind.QUALIFICATION_ANY,
        qualifications=[d.qualification(c) for c in IPA_DIGITAL],
    )
    _applicant(
        d,
        digital,
        ("港", "未来", "ミナト", "ミライ"),
        born=datetime.date(1999, 8, 1),
        codes=("ipa_ap",),
        years=3,
        status=("screening",),
    )
    _applicant(
        d,
        digital,
        ("青葉", "翔", "アオバ", "ショウ"),
        born=datetime.date(1994, 2, 11),
        codes=("ipa_fe", "ipa_sc"),
        years=7,
        status=offered,
    )
    ict = _category(d, "ict_fixed", "任期付ICT専門職", "fixed_term", "情報システム分野の実務経験10年以上")
    eligibility_rule_add(acting_user=d.hr, category=ict, kind=RuleKind.MIN_EXPERIENCE, years=10)
    _applicant(
        d,
        ict,
        ("武田", "信夫", "タケダ", "ノブオ"),
        born=datetime.date(1963, 10, 3),
        codes=("ipa_sa", "ipa_pm"),
        years=35,
        status=offered,
    )
    clerk = _category(d, "fy_clerk", "会計年度任用職員(事務補助)", "fiscal_year_part")
    _applicant(d, clerk, ("山梨", "桃子", "ヤマナシ", "モモコ"), born=datetime.date(1980, 4, 20), years=10)
    d.counts["応募者"] = 4


def terms(d: Demo) -> None:
    """任期 for the 会計年度任用 (to 3/31), 任期付 and 再任用 staff in post."""
    kinds = {
        "fiscal_year_full": "fiscal_year",
        "fiscal_year_part": "fiscal_year",
        "fixed_term": "fixed_term",
        "temporary": "fixed_term",
        "reappointed_full": "retiree_rehire",
        "reappointed_short": "retiree_rehire",
    }
    rows = []
    for p in d.posts:
        kind = kinds.get(p.appointment_type)
        if kind is None:
            continue
        if kind == "fiscal_year":
            start, end = max(p.since, d.fy_start), fiscal_year_end(fiscal_year_of(d.on))
        else:
            start = p.since
            end = max(d.on + d.rng.randint(20, 700) * DAY, start)
        rows.append(
            TermAppointment(
                organization_id=d.org.pk,
                employee_id=p.employee_id,
                kind=kind,
                term_start=start,
                term_end=end,
                sequence=d.rng.randint(1, 3) if kind == "fiscal_year" else 1,
            )
        )
    TermAppointment.objects.bulk_create(rows, batch_size=2000)
    d.counts["任期"] = len(rows)


def allowance(d: Demo) -> None:
    """広島型: a monthly allowance for holders of the advanced IPA exams, a smaller one for 応用情報."""
    advanced = list(Qualification.objects.for_organization(d.org).filter(ipa_level=4))
    allowance_rule_create(
        acting_user=d.hr,
        organization=d.org,
        code="ipa_advanced",
        name="高度情報処理資格手当",
        monthly_amount=30_000,
        qualifications=advanced,
        valid_from=d.fy_start,
        note="デモ: 情報職の職員に対する資格手当(条例の規定を想定)",
    )
    allowance_rule_create(
        acting_user=d.hr,
        organization=d.org,
        code="ipa_ap",
        name="応用情報技術者資格手当",
        monthly_amount=10_000,
        qualifications=[d.qualification("ipa_ap")],
        valid_from=d.fy_start,
    )
    d.counts["資格手当の支給基準"] = 2
