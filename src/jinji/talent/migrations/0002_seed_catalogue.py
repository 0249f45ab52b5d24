"""Seed the national catalogue: the 13 IPA exams, the six DX skill areas with level 1–4 descriptions,
and the standard role tags (DX推進員, スマート改革スペシャリスト, CDO …). Reversible."""

from django.db import migrations

from jinji.talent.catalogue_seed import IPA, IPA_EXAMS, LEVEL_NAMES, ROLE_TAGS, SKILL_AREAS


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    Qualification = apps.get_model("talent", "Qualification")
    SkillArea = apps.get_model("talent", "SkillArea")
    SkillLevel = apps.get_model("talent", "SkillLevel")
    RoleTag = apps.get_model("talent", "RoleTag")
    for order, (code, name, level, renewal, note) in enumerate(IPA_EXAMS, start=1):
        Qualification.objects.create(
            organization=None,
            code=code,
            name=name,
            issuer=IPA,
            category="ipa",
            ipa_level=level,
            renewal_years=renewal,
            renewal_note=note,
            sort_order=order * 10,
        )
    for order, (code, name, description, levels) in enumerate(SKILL_AREAS, start=1):
        area = SkillArea.objects.create(
            organization=None, code=code, name=name, description=description, sort_order=order * 10
        )
        for level, text in enumerate(levels, start=1):
            SkillLevel.objects.create(area=area, level=level, name=LEVEL_NAMES[level], description=text)
    for order, (code, name, description, one_per_unit) in enumerate(ROLE_TAGS, start=1):
        RoleTag.objects.create(
            organization=None,
            code=code,
            name=name,
            description=description,
            one_per_unit=one_per_unit,
            sort_order=order * 10,
        )


def unseed(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("talent", "Qualification").objects.filter(
        organization=None, code__in=[row[0] for row in IPA_EXAMS]
    ).delete()
    apps.get_model("talent", "SkillArea").objects.filter(
        organization=None, code__in=[row[0] for row in SKILL_AREAS]
    ).delete()
    apps.get_model("talent", "RoleTag").objects.filter(organization=None, code__in=[row[0] for row in ROLE_TAGS]).delete()


class Migration(migrations.Migration):
    dependencies = [("talent", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
