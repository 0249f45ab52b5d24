"""評価シートの様式 (templates): items with expected behaviour, weights and a scale, per position level.

The national model (総務省 sample sheets) is shipped as shared templates without an
organization (installed by a data migration); an organization uses them as they are or
derives its own versions. A template that a cycle has used never changes: editing it makes
a new version, so each cycle keeps the sheet it ran with.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from jinji.core.models import Organization
from jinji.core.tenancy import current_organization_id
from jinji.evaluation.models.cycles import CycleKind


class Scale(models.TextChoices):
    GRADE = "grade", "評語(S・A・B・C・D)"
    NUMERIC = "numeric", "5段階(5〜1)"


class SharedManager(models.Manager[Any]):
    """Rows of the organization in context plus the shared national-model rows (organization empty).

    Fails closed like :class:`jinji.core.tenancy.TenantManager`: no organization in context → error.
    """

    def get_queryset(self) -> models.QuerySet[Any]:
        return self.for_organization(current_organization_id())

    def for_organization(self, organization: Organization | int) -> models.QuerySet[Any]:
        org_id = organization if isinstance(organization, int) else organization.pk
        return super().get_queryset().filter(Q(organization_id=org_id) | Q(organization__isnull=True))


class SheetTemplate(models.Model):
    """評価シート様式, one version. ``min_rank``〜``max_rank`` (職の序列) or 会計年度任用職員 pick who uses it."""

    organization = models.ForeignKey(
        Organization,
        verbose_name="団体",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="空欄は国のモデル(総務省の様式例)で、全団体が使えます",
    )
    code = models.CharField("様式コード", max_length=50)
    version = models.PositiveIntegerField("版", default=1)
    name = models.CharField("様式名", max_length=100)
    kind = models.CharField("評価の種類", max_length=20, choices=CycleKind.choices)
    scale = models.CharField("評価の尺度", max_length=20, choices=Scale.choices, default=Scale.GRADE)
    min_rank = models.PositiveSmallIntegerField("対象の職の序列(以上)", null=True, blank=True)
    max_rank = models.PositiveSmallIntegerField("対象の職の序列(以下)", null=True, blank=True)
    for_fiscal_year_appointees = models.BooleanField("会計年度任用職員用", default=False)
    max_goals = models.PositiveSmallIntegerField("目標の最大数", default=5, help_text="業績評価の様式で使います")
    description = models.TextField("説明", blank=True)
    based_on = models.ForeignKey(
        "self", verbose_name="元の版", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作成者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    objects: ClassVar[SharedManager] = SharedManager()
    unscoped: ClassVar[models.Manager[Any]] = models.Manager()

    class Meta:
        verbose_name = verbose_name_plural = "評価シート様式"
        ordering: ClassVar[list[str]] = ["kind", "for_fiscal_year_appointees", "min_rank", "code", "-version"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["organization", "code", "version"], name="evaluation_template_version_unique"
            ),
            models.UniqueConstraint(
                fields=["code", "version"],
                condition=Q(organization__isnull=True),
                name="evaluation_national_template_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}(第{self.version}版)"

    @property
    def is_national_model(self) -> bool:
        return self.organization_id is None

    def covers_rank(self, rank: int | None) -> bool:
        if rank is None:
            return self.min_rank is None
        return (self.min_rank is None or rank >= self.min_rank) and (self.max_rank is None or rank <= self.max_rank)


class TemplateItem(models.Model):
    """評価項目: name, the behaviour expected at that level (着眼点), weight in percent."""

    template = models.ForeignKey(SheetTemplate, verbose_name="様式", on_delete=models.CASCADE, related_name="items")
    organization = models.ForeignKey(
        Organization, verbose_name="団体", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField("順序")
    name = models.CharField("評価項目", max_length=50)
    description = models.TextField("求められる行動(着眼点)")
    weight = models.PositiveSmallIntegerField("ウェイト(%)")

    objects: ClassVar[SharedManager] = SharedManager()
    unscoped: ClassVar[models.Manager[Any]] = models.Manager()

    class Meta:
        verbose_name = verbose_name_plural = "評価項目"
        ordering: ClassVar[list[str]] = ["template", "order"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["template", "order"], name="evaluation_item_order_unique")
        ]

    def __str__(self) -> str:
        return self.name
