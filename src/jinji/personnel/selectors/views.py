"""Frozen dataclasses that personnel selectors return (safe to pass to other apps and templates)."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a result list. ``number`` is 1-based; ``total`` counts the matching rows.

    Counting stops at a limit (1,000 for staff search) so that large lists stay fast: when
    ``total_is_exact`` is False, ``total`` is limit + 1; show 「1,000件以上」 and ask to narrow
    the search (next pages stay reachable while rows keep coming).
    """

    items: tuple[T, ...]
    number: int
    page_size: int
    total: int
    total_is_exact: bool = True

    @property
    def total_display(self) -> str:
        """「1,234」, or 「1,000以上」 when counting stopped at the limit (append 件 in the page)."""
        return f"{self.total:,}" if self.total_is_exact else f"{max(self.total - 1, 0):,}以上"

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size)) if self.page_size else 1

    @property
    def has_next(self) -> bool:
        if not self.total_is_exact and len(self.items) == self.page_size:
            return True
        return self.number < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def start_index(self) -> int:
        """1-based index of the first item on this page (0 when empty)."""
        return 0 if not self.items else (self.number - 1) * self.page_size + 1

    @property
    def end_index(self) -> int:
        return 0 if not self.items else self.start_index + len(self.items) - 1

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True, slots=True)
class EmployeeRow:
    """A line of the staff list: who, and their primary post as of the date asked."""

    id: int
    staff_number: str
    full_name: str
    full_name_kana: str
    working_name: str
    former_family_name: str
    hired_on: datetime.date
    separated_on: datetime.date | None
    unit_id: int | None = None
    unit_code: str = ""
    unit_name: str = ""
    position_id: int | None = None
    position_name: str = ""
    appointment_type: str = ""
    appointment_type_label: str = ""
    grade: int | None = None
    step: int | None = None
    is_on_leave: bool = False
    assignment_kind: str = ""


@dataclass(frozen=True, slots=True)
class AssignmentView:
    """One 任用 period with names resolved (unit name as of the date asked)."""

    id: int
    kind: str
    kind_label: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    org_unit_id: int
    unit_code: str
    unit_name: str
    position_id: int | None
    position_name: str
    job_category_id: int | None
    job_category_name: str
    appointing_authority_id: int
    appointing_authority_name: str
    payer_id: int | None
    payer_name: str
    appointment_type: str
    appointment_type_label: str
    salary_schedule_id: int | None
    salary_schedule_name: str
    grade: int | None
    step: int | None
    work_pattern: str
    work_pattern_label: str
    weekly_minutes: int
    is_on_leave: bool
    action_id: int | None


@dataclass(frozen=True, slots=True)
class DependentView:
    id: int
    name: str
    name_kana: str
    relationship: str
    relationship_label: str
    birth_date: datetime.date
    valid_from: datetime.date
    valid_to: datetime.date | None
    for_allowance: bool
    for_tax: bool
    for_insurance: bool
    has_disability: bool
    lives_together: bool


@dataclass(frozen=True, slots=True)
class AddressView:
    id: int
    postal_code: str
    address: str
    address_kana: str
    valid_from: datetime.date
    valid_to: datetime.date | None


@dataclass(frozen=True, slots=True)
class CommuteRouteView:
    id: int
    method: str
    method_label: str
    route: str
    distance_hm: int
    monthly_fare: int
    valid_from: datetime.date
    valid_to: datetime.date | None


@dataclass(frozen=True, slots=True)
class BankAccountView:
    """A pay account; ``account_number`` is masked (``****567``) unless ``masked`` is False."""

    id: int
    bank_code: str
    bank_name: str
    branch_code: str
    branch_name: str
    account_type: str
    account_type_label: str
    account_number: str
    holder_kana: str
    is_main: bool
    fixed_amount: int | None
    valid_from: datetime.date
    valid_to: datetime.date | None
    masked: bool


@dataclass(frozen=True, slots=True)
class EmergencyContactView:
    id: int
    name: str
    relationship: str
    phone: str


@dataclass(frozen=True, slots=True)
class ActionView:
    """A 発令 with names resolved, for lists and the timeline."""

    id: int
    action_type: str
    action_type_label: str
    effective_on: datetime.date
    status: str
    status_label: str
    unit_name: str
    position_name: str
    grade: int | None
    step: int | None
    end_on: datetime.date | None
    reason: str
    corrects_id: int | None
    batch_id: int | None


@dataclass(frozen=True, slots=True)
class EmployeeDetail:
    """職員の詳細 as of a date."""

    id: int
    staff_number: str
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    former_family_name: str
    former_family_name_kana: str
    uses_former_name: bool
    full_name: str
    full_name_kana: str
    working_name: str
    birth_date: datetime.date
    gender: str
    hired_on: datetime.date
    separated_on: datetime.date | None
    email: str
    phone: str
    version: int
    on: datetime.date
    primary: AssignmentView | None
    concurrent: tuple[AssignmentView, ...]
    dependents: tuple[DependentView, ...]
    addresses: tuple[AddressView, ...]
    commute_routes: tuple[CommuteRouteView, ...]
    bank_accounts: tuple[BankAccountView, ...]
    emergency_contacts: tuple[EmergencyContactView, ...]
    pending_actions: tuple[ActionView, ...]
    has_my_number: bool
    bank_accounts_masked: bool


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A line of the history (履歴): 任用 periods, 発令 and personal-data changes, by date."""

    on: datetime.date
    kind: str
    title: str
    detail: str = ""
    status: str = ""
    ref_id: int | None = None
