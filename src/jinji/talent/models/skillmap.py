"""スキルマップの集計表: per org unit × skill area × level, how many staff hold it, on one date.

The skill map over 100,000 staff cannot afford to join every confirmed skill to every post on each
request, so the counts are kept here: rebuilt from ``EmployeeSkill`` and the 本務 posts for one date
(``SkillMapState.as_of``), and kept current by the 所属長's confirmation service (under a lock on the
state row). ``stamp`` fingerprints the posts and skills the counts were taken from (cleared when
personnel reports moved posts): when it no longer matches, the counts are stale and the next read
rebuilds them. Derived data only: never edited by hand, never audited.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from jinji.core.models import TenantModel


class SkillMapState(TenantModel):
    """One row per organization: the date and fingerprint the counts were taken at (the lock row)."""

    as_of = models.DateField("集計基準日", null=True, blank=True)
    stamp = models.CharField("集計元の指紋", max_length=200, blank=True)
    built_at = models.DateTimeField("集計日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "スキルマップ集計の状態"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization"], name="skillmapstate_one_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.as_of}"


class SkillMapStaff(TenantModel):
    """職員数: staff whose 本務 on ``as_of`` is in the unit (the unit itself, not its sub-units)."""

    org_unit = models.ForeignKey("org.OrgUnit", verbose_name="所属", on_delete=models.CASCADE, related_name="+")
    staff = models.PositiveIntegerField("職員数")

    class Meta:
        verbose_name = verbose_name_plural = "スキルマップ集計(職員数)"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "org_unit"], name="skillmapstaff_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit_id}: {self.staff}"


class SkillMapCell(TenantModel):
    """保有者数: staff of the unit whose confirmed level in the area is exactly ``level``."""

    org_unit = models.ForeignKey("org.OrgUnit", verbose_name="所属", on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey("talent.SkillArea", verbose_name="スキル領域", on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField("レベル")
    holders = models.IntegerField("保有者数")

    class Meta:
        verbose_name = verbose_name_plural = "スキルマップ集計(保有者数)"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "org_unit", "area", "level"], name="skillmapcell_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit_id} {self.area_id} L{self.level}: {self.holders}"
