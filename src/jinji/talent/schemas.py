"""API schemas of the talent app (separate input and output shapes, Japanese descriptions)."""

from __future__ import annotations

import datetime

from ninja import Field, Schema


class AsOf(Schema):
    on: datetime.date | None = Field(None, description="基準日(既定: 今日)")


class QualificationOut(Schema):
    id: int
    code: str
    name: str
    category: str
    ipa_level: int | None
    renewal_years: int | None
    national: bool = Field(description="全国共通(IPA試験等)なら true")


class EmployeeQualificationOut(Schema):
    id: int
    qualification_id: int
    name: str
    acquired_on: datetime.date
    expires_on: datetime.date | None
    status: str
    status_label: str
    expired: bool


class TalentSearchIn(Schema):
    q: str = Field("", max_length=100, description="氏名・カナ・職員番号")
    skill_area_id: int | None = Field(None, description="スキル領域ID")
    min_level: int = Field(1, ge=1, le=4, description="スキル領域のレベル(以上)")
    qualification_id: int | None = Field(None, description="保有資格ID(確認済・有効)")
    min_ipa_level: int | None = Field(None, ge=1, le=4, description="IPA資格のレベル(以上)")
    course_id: int | None = Field(None, description="修了した研修コースID")
    past_unit_id: int | None = Field(None, description="経験した所属ID(現在を含む)")
    role_tag_id: int | None = Field(None, description="役割ID(基準日に指定中)")
    transfer_wish: str = Field("", description="異動の希望(stay/transfer/either)")
    dx_interest: bool = Field(False, description="DX関連業務に関心あり")
    on: datetime.date | None = Field(None, description="基準日(既定: 今日)")
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)


class TalentRowOut(Schema):
    id: int
    staff_number: str
    name: str
    unit_name: str
    position_name: str
    skills: list[tuple[str, int]]
    qualifications: list[str]
    role_tags: list[str]
    transfer_wish: str
    completed_courses: int


class TalentPageOut(Schema):
    on: datetime.date
    total: int
    total_is_exact: bool
    page: int
    page_size: int
    items: list[TalentRowOut]


class SkillMapIn(Schema):
    on: datetime.date | None = Field(None, description="基準日(既定: 今日)")
    min_level: int = Field(2, ge=1, le=4, description="数えるレベル(以上)")
    depth: int = Field(0, ge=0, le=5, description="組織の深さ(0 = 部)")


class SkillMapRowOut(Schema):
    unit_id: int
    name: str
    staff: int
    holders: list[int] = Field(description="スキル領域ごとの人数(areas と同じ順)")


class SkillMapOut(Schema):
    on: datetime.date
    min_level: int
    areas: list[str]
    rows: list[SkillMapRowOut]


class AllowancesIn(Schema):
    month: datetime.date | None = Field(None, description="支給月(その月の任意の日。例: 2026-04-01。既定: 今月)")


class AllowanceLineOut(Schema):
    employee_id: int
    code: str
    name: str
    amount: int = Field(description="月額(円)")
    qualifications: list[str]


class UnitsWithoutRoleIn(Schema):
    role: str = Field("dx_promoter", description="役割コード(各所属に配置する役割)")
    on: datetime.date | None = Field(None, description="基準日(既定: 今日)")


class UncoveredUnitOut(Schema):
    unit_id: int
    code: str
    name: str


class MandatoryEnrolmentOut(Schema):
    enrolled: int
    employee_ids: list[int]
