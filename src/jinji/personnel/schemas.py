"""API schemas of the personnel master: separate input and output shapes, Japanese descriptions."""

from __future__ import annotations

import datetime

from ninja import Field, Schema
from pydantic import ConfigDict


class AsOf(Schema):
    on: datetime.date | None = Field(None, description="基準日(既定: 今日)")


class EmployeeFilter(Schema):
    q: str = Field("", max_length=100, description="氏名・カナ・旧姓・職員番号(空白区切りで AND)")
    unit_id: int | None = Field(None, description="所属ID(本務)")
    include_sub_units: bool = Field(False, description="下位組織を含む")
    appointment_type: str | None = Field(None, description="任用区分")
    on: datetime.date | None = Field(None, description="基準日(既定: 今日)")
    include_inactive: bool = Field(False, description="基準日に在職していない職員も含む")
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=500)


class PostOut(Schema):
    """任用 (one post) as of the date asked."""

    kind: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    org_unit_id: int
    unit_name: str
    position_id: int | None
    position_name: str
    appointment_type: str
    appointment_type_label: str
    salary_schedule_id: int | None
    grade: int | None
    step: int | None
    work_pattern: str
    weekly_minutes: int
    is_on_leave: bool


class EmployeeRowOut(Schema):
    id: int
    staff_number: str
    full_name: str
    full_name_kana: str
    working_name: str
    former_family_name: str
    hired_on: datetime.date
    separated_on: datetime.date | None
    unit_id: int | None
    unit_name: str
    position_name: str
    appointment_type: str
    appointment_type_label: str
    grade: int | None
    step: int | None


class EmployeePageOut(Schema):
    on: datetime.date
    total: int
    page: int
    page_size: int
    items: list[EmployeeRowOut]


class EmployeeOut(Schema):
    id: int
    staff_number: str
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    former_family_name: str
    former_family_name_kana: str
    uses_former_name: bool
    birth_date: datetime.date
    gender: str
    hired_on: datetime.date
    separated_on: datetime.date | None
    email: str
    phone: str
    version: int = Field(description="更新時に送り返す版(同時更新の検出)")
    on: datetime.date
    primary: PostOut | None
    concurrent: list[PostOut]


class EmployeeCreateIn(Schema):
    """採用: the person and their first post from 入庁日."""

    model_config = ConfigDict(extra="forbid")

    staff_number: str = Field(min_length=1, max_length=20)
    family_name: str = Field(min_length=1, max_length=50)
    given_name: str = Field(min_length=1, max_length=50)
    family_name_kana: str = Field(min_length=1, max_length=100)
    given_name_kana: str = Field(min_length=1, max_length=100)
    former_family_name: str = Field("", max_length=50)
    former_family_name_kana: str = Field("", max_length=100)
    uses_former_name: bool = False
    birth_date: datetime.date
    gender: str = Field("", max_length=1)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=20)
    hired_on: datetime.date
    org_unit_id: int
    appointment_type: str
    work_pattern: str = "full_time"
    weekly_minutes: int = Field(2325, ge=1)
    position_id: int | None = None
    job_category_id: int | None = None
    appointing_authority_id: int | None = None
    payer_id: int | None = None
    salary_schedule_id: int | None = None
    grade: int | None = Field(None, ge=1)
    step: int | None = Field(None, ge=1)


class EmployeeUpdateIn(Schema):
    """基本情報の更新: send ``version`` as read; only the fields given change."""

    model_config = ConfigDict(extra="forbid")

    version: int
    staff_number: str | None = Field(None, min_length=1, max_length=20)
    family_name: str | None = Field(None, min_length=1, max_length=50)
    given_name: str | None = Field(None, min_length=1, max_length=50)
    family_name_kana: str | None = Field(None, min_length=1, max_length=100)
    given_name_kana: str | None = Field(None, min_length=1, max_length=100)
    former_family_name: str | None = Field(None, max_length=50)
    former_family_name_kana: str | None = Field(None, max_length=100)
    uses_former_name: bool | None = None
    birth_date: datetime.date | None = None
    gender: str | None = Field(None, max_length=1)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=20)


class ActionFilter(Schema):
    employee_id: int | None = None
    batch_id: int | None = None
    status: str | None = Field(None, description="draft / applied / cancelled / superseded")
    page: int = Field(1, ge=1)
    page_size: int = Field(100, ge=1, le=500)


class ActionOut(Schema):
    id: int
    employee_id: int
    staff_number: str
    employee_name: str
    action_type: str
    action_type_label: str
    effective_on: datetime.date
    status: str
    status_label: str
    org_unit_id: int | None
    unit_name: str
    position_id: int | None
    position_name: str
    grade: int | None
    step: int | None
    end_on: datetime.date | None
    reason: str
    batch_id: int | None
    corrects_id: int | None


class ActionPageOut(Schema):
    total: int
    page: int
    page_size: int
    items: list[ActionOut]


class ActionCreateIn(Schema):
    """発令の作成(作成中). Target fields left out mean "unchanged"."""

    model_config = ConfigDict(extra="forbid")

    employee_id: int
    action_type: str
    effective_on: datetime.date
    org_unit_id: int | None = None
    position_id: int | None = None
    job_category_id: int | None = None
    appointing_authority_id: int | None = None
    payer_id: int | None = None
    appointment_type: str = ""
    salary_schedule_id: int | None = None
    grade: int | None = Field(None, ge=1)
    step: int | None = Field(None, ge=1)
    work_pattern: str = ""
    weekly_minutes: int | None = Field(None, ge=1)
    end_on: datetime.date | None = None
    post_kind: str = ""
    reason: str = Field("", max_length=200)
    notice_text: str = ""


class ActionApplyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int | None = Field(None, description="職員の版(指定すると同時更新を検出)")
