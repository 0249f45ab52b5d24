"""Demo steps for people: role designations, confirmed skills, qualifications, 自己申告."""

from __future__ import annotations

from collections import defaultdict

from jinji.accounts.models import Role, User
from jinji.accounts.scope import covered_unit_ids
from jinji.core.models import as_of_q
from jinji.org.models import OrgUnit, UnitLevel
from jinji.org.selectors import unit_descendant_ids
from jinji.talent.dates import fiscal_year_end, fiscal_year_of
from jinji.talent.demo.context import DAY, Demo, Post, employee_of
from jinji.talent.models import (
    CareerWish,
    EmployeeQualification,
    EmployeeSkill,
    Qualification,
    SkillArea,
    SkillAssessment,
)
from jinji.talent.services import qualification_register, role_tag_designate


def roles(d: Demo) -> None:
    """栃木: a DX推進員 in most 所属 (the report lists the rest); 三重: スマート改革スペシャリスト and a CDO."""
    units = {
        u.pk: u
        for u in OrgUnit.objects.for_organization(d.org)
        .filter(as_of_q(d.on), versions__level__in=[UnitLevel.DIVISION, UnitLevel.OFFICE])
        .filter(as_of_q(d.on, prefix="versions__"))
    }
    by_unit: defaultdict[int, list[Post]] = defaultdict(list)
    for p in d.posts:
        by_unit[p.unit_id].append(p)
    dx, made = d.tag("dx_promoter"), 0
    for unit_id in sorted(set(units) & set(by_unit)):
        young = [p for p in by_unit[unit_id] if p.rank <= 3 and p.appointment_type == "regular"]
        if young and d.rng.random() < 0.75:
            person = d.rng.choice(young)
            role_tag_designate(
                acting_user=d.hr,
                employee=employee_of(d, person),
                tag=dx,
                valid_from=d.fy_start,
                valid_to=fiscal_year_end(fiscal_year_of(d.on) + 1),
                org_unit=units[unit_id],
            )
            made += 1
    juniors = [p for p in d.posts if p.rank <= 2 and p.appointment_type == "regular"]
    specialists = d.rng.sample(juniors, min(5, len(juniors)))
    for p in specialists:
        role_tag_designate(
            acting_user=d.hr, employee=employee_of(d, p), tag=d.tag("smart_reform_specialist"), valid_from=d.fy_start
        )
    top = max(d.posts, key=lambda p: (p.rank, -p.employee_id))
    role_tag_designate(acting_user=d.hr, employee=employee_of(d, top), tag=d.tag("cdo"), valid_from=d.fy_start)
    d.counts["役割の指定"] = made + len(specialists) + 1


def skills(d: Demo) -> None:
    """Confirmed skills for ~30% (bulk, as if confirmed last year); self-assessments waiting for demo-head."""
    areas = list(SkillArea.objects.for_organization(d.org).filter(is_active=True).values_list("pk", flat=True))
    rows = [
        EmployeeSkill(
            organization_id=d.org.pk,
            employee_id=p.employee_id,
            area_id=area,
            level=d.rng.choices([1, 2, 3, 4], weights=[35, 40, 18, 7])[0],
            confirmed_on=d.fy_start - 30 * DAY,
        )
        for p in d.posts
        if d.rng.random() < 0.3
        for area in d.rng.sample(areas, d.rng.randint(1, 2))
    ]
    EmployeeSkill.objects.bulk_create(rows, batch_size=2000)
    head = User.objects.filter(organization=d.org, username="demo-head").first()
    pending: list[SkillAssessment] = []
    if head is not None:
        covered = covered_unit_ids(head, [Role.UNIT_HEAD], on=d.on, descendants=unit_descendant_ids)
        team = [p for p in d.posts if covered.covers(p.unit_id) and p.employee_id != head.employee_id]
        for p in d.rng.sample(team, min(3, len(team))):
            pending.append(
                SkillAssessment(
                    organization_id=d.org.pk,
                    employee_id=p.employee_id,
                    area_id=d.rng.choice(areas),
                    level=d.rng.randint(2, 4),
                    comment="業務でRPAシナリオを作成し運用している",
                )
            )
        SkillAssessment.objects.bulk_create(pending)
    d.counts["確認済スキル"] = len(rows)
    d.counts["所属長確認待ちの自己評価"] = len(pending)


def qualifications(d: Demo) -> None:
    """Verified IPA qualifications for ~12% (some 登録セキスペ due for renewal) and two waiting for HR."""
    codes = ["ipa_ip"] * 5 + ["ipa_sg"] * 3 + ["ipa_fe"] * 4 + ["ipa_ap"] * 2 + ["ipa_sc", "ipa_db", "ipa_pm", "ipa_nw"]
    master = {q.code: q.pk for q in Qualification.objects.for_organization(d.org).filter(organization__isnull=True)}
    rows: list[EmployeeQualification] = []
    for p in d.posts:
        if d.rng.random() >= 0.12:
            continue
        code = d.rng.choice(codes)
        acquired = d.on - d.rng.randint(60, 3000) * DAY
        if code == "ipa_sc":
            acquired = d.on - d.rng.randint(700, 1090) * DAY  # renewal due within the coming year
        expires = acquired + 3 * 365 * DAY if code == "ipa_sc" else None
        rows.append(
            EmployeeQualification(
                organization_id=d.org.pk,
                employee_id=p.employee_id,
                qualification_id=master[code],
                acquired_on=acquired,
                expires_on=expires,
                status="verified",
                submitted_by=d.hr,
                reviewed_by=d.hr,
            )
        )
    EmployeeQualification.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    staff = User.objects.filter(organization=d.org, username="demo-staff").select_related("employee").first()
    waiting = 0
    if staff is not None and staff.employee is not None:
        for code, day in (("ipa_ap", d.on - 200 * DAY), ("ipa_sg", d.on - 400 * DAY)):
            if not EmployeeQualification.objects.filter(
                employee=staff.employee, qualification_id=master[code]
            ).exists():
                qualification_register(
                    acting_user=d.hr,
                    employee=staff.employee,
                    qualification=d.qualification(code),
                    acquired_on=day,
                    certificate_number="DEMO",
                    on=d.on,
                )
                waiting += 1
    d.counts["資格"] = len(rows) + waiting


def wishes(d: Demo) -> None:
    rows = [
        CareerWish(
            organization_id=d.org.pk,
            employee_id=p.employee_id,
            fiscal_year=fiscal_year_of(d.on),
            transfer_wish=d.rng.choices(["stay", "transfer", "either"], weights=[45, 30, 25])[0],
            career_intention=d.rng.choice(["specialist", "generalist", "management", "undecided"]),
            dx_interest=d.rng.random() < 0.2,
            wished_work=d.rng.choice(["", "", "デジタル化・業務改革", "福祉の相談業務", "企画・政策"]),
        )
        for p in d.posts
        if p.appointment_type == "regular" and d.rng.random() < 0.25
    ]
    CareerWish.objects.bulk_create(rows, batch_size=2000)
    d.counts["自己申告"] = len(rows)
