"""Employee rows (職員): validation against the file and the database, and the per-row plan.

A new 職員番号 is a 採用 (the employee, an applied 採用 発令 and the first 本務 post from
適用開始日, default 入庁日). A known 職員番号 updates 基本情報 (氏名・フリガナ・旧姓・生年月日・
連絡先) in the columns present. Posts, 入庁日 and 退職日 of existing staff change only through
発令, so a row whose post differs from the registered one on 適用開始日 is refused.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from jinji.core.errors import FieldProblem
from jinji.personnel.imports.cells import RowReader
from jinji.personnel.imports.columns import FLAGS, GENDERS, MODES, Mode
from jinji.personnel.imports.outcomes import RowAction, RowOutcome
from jinji.personnel.imports.references import POST_FIELDS, POST_HEADERS, PostValues, References, read_post
from jinji.personnel.models import Assignment, AssignmentKind, Employee
from jinji.rules.errors import InvalidArgument
from jinji.rules.mynumber import validate as validate_my_number

PROFILE = {
    "氏": "family_name",
    "名": "given_name",
    "氏フリガナ": "family_name_kana",
    "名フリガナ": "given_name_kana",
    "旧姓": "former_family_name",
    "旧姓フリガナ": "former_family_name_kana",
    "旧姓使用": "uses_former_name",
    "生年月日": "birth_date",
    "性別": "gender",
    "メールアドレス": "email",
    "電話番号": "phone",
}
"""Column → Employee field of the 基本情報 an import may update."""
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"[0-9+()-]+")
CHUNK = 5000


@dataclass(slots=True)
class Existing:
    """A registered employee (locked for the import) and their 本務 posts."""

    id: int
    version: int
    profile: dict[str, Any]
    hired_on: datetime.date
    separated_on: datetime.date | None
    posts: list[tuple[datetime.date, datetime.date | None, PostValues]] = field(default_factory=list)

    def post_on(self, on: datetime.date) -> tuple[datetime.date, PostValues] | None:
        for start, end, post in self.posts:
            if start <= on and (end is None or on <= end):
                return start, post
        return None


@dataclass(slots=True)
class EmployeeRow:
    row: int
    staff_number: str
    profile: dict[str, Any]
    hired_on: datetime.date | None
    separated_on: datetime.date | None
    valid_from: datetime.date | None
    post: PostValues | None
    my_number: str = ""
    existing: Existing | None = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass(slots=True)
class EmployeePlan:
    rows: list[EmployeeRow] = field(default_factory=list)
    outcomes: list[RowOutcome] = field(default_factory=list)

    @property
    def creates(self) -> list[EmployeeRow]:
        return [r for r in self.rows if r.existing is None]

    @property
    def updates(self) -> list[EmployeeRow]:
        return [r for r in self.rows if r.existing is not None and r.changes]


def _chunks(items: list[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_existing(org_id: int, staff_numbers: Iterable[str], *, lock: bool) -> dict[str, Existing]:
    """Registered employees among ``staff_numbers`` with their 本務 posts (a query per 5,000)."""
    found: dict[str, Existing] = {}
    fields = ("pk", "version", "staff_number", "hired_on", "separated_on", *PROFILE.values())
    for part in _chunks(sorted(set(staff_numbers))):
        qs = Employee.objects.for_organization(org_id).filter(staff_number__in=part)
        if lock:
            qs = qs.select_for_update()
        for values in qs.values(*fields):
            profile = {name: values[name] for name in PROFILE.values()}
            found[values["staff_number"]] = Existing(
                values["pk"], values["version"], profile, values["hired_on"], values["separated_on"]
            )
    by_id = {e.id: e for e in found.values()}
    for part in _chunks(list(by_id)):
        qs = Assignment.objects.for_organization(org_id).filter(employee_id__in=part, kind=AssignmentKind.PRIMARY)
        for values in qs.values("employee_id", "valid_from", "valid_to", *POST_FIELDS):
            post = PostValues(**{name: values[name] for name in POST_FIELDS})
            by_id[values["employee_id"]].posts.append((values["valid_from"], values["valid_to"], post))
    return found


def _profile(r: RowReader) -> dict[str, Any]:
    """基本情報 in the columns present (absent columns are left as registered)."""
    values: dict[str, Any] = {
        "family_name": r.text("氏", required=True, max_length=50, no_spaces=True),
        "given_name": r.text("名", required=True, max_length=50, no_spaces=True),
        "family_name_kana": r.kana("氏フリガナ", required=True),
        "given_name_kana": r.kana("名フリガナ", required=True),
        "former_family_name": r.text("旧姓", max_length=50, no_spaces=True),
        "former_family_name_kana": r.kana("旧姓フリガナ"),
        "uses_former_name": r.choice("旧姓使用", FLAGS, default="0") == "1",
        "birth_date": r.date("生年月日", required=True),
        "gender": r.choice("性別", GENDERS),
        "email": r.text("メールアドレス", max_length=254),
        "phone": r.text("電話番号", max_length=20),
    }
    if values["uses_former_name"] and not values["former_family_name"]:
        r.problem("旧姓使用", "旧姓を使用するには旧姓を入力してください")
    if values["email"] and not _EMAIL.fullmatch(values["email"]):
        r.problem("メールアドレス", "メールアドレスの形式が正しくありません")
    if values["phone"] and not _PHONE.fullmatch(values["phone"]):
        r.problem("電話番号", "電話番号は数字とハイフンで入力してください")
    return {field_name: values[field_name] for header, field_name in PROFILE.items() if r.has(header)}


def _dates(r: RowReader, profile: dict[str, Any]) -> tuple[datetime.date | None, ...]:
    hired = r.date("入庁日", required=True)
    separated = r.date("退職日")
    valid_from = r.date("適用開始日")
    birth = profile.get("birth_date")
    if birth and hired and birth >= hired:
        r.problem("生年月日", "生年月日は入庁日より前の日付にしてください")
    if hired and separated and separated < hired:
        r.problem("退職日", "退職日は入庁日以降の日付にしてください")
    if hired and valid_from and valid_from < hired:
        r.problem("適用開始日", "適用開始日は入庁日以降の日付にしてください")
    start = valid_from or hired
    if separated and start and start > separated:
        r.problem("適用開始日", "適用開始日は退職日以前の日付にしてください")
    return hired, separated, valid_from


def _my_number(r: RowReader) -> str:
    raw = r.raw("個人番号")
    if not raw:
        return ""
    try:
        return validate_my_number(raw)
    except InvalidArgument as exc:
        r.problem("個人番号", str(exc))
        return ""


def read_employee_row(r: RowReader, refs: References, existing: dict[str, Existing]) -> EmployeeRow | None:
    """Parse one row and check it against the registered employee (if any); None for a bad 職員番号."""
    number = r.code("職員番号", required=True)
    mode = r.choice("処理区分", MODES, default=Mode.AUTO.value)
    known = existing.get(number) if number else None
    if mode == Mode.CREATE and known is not None:
        r.problem("職員番号", f"職員番号「{number}」は既に登録されています(処理区分「新規」)")
    if mode == Mode.UPDATE and known is None and number:
        r.problem("職員番号", f"職員番号「{number}」は登録されていません(処理区分「更新」)")
    profile = _profile(r)
    hired, separated, valid_from = _dates(r, profile)
    on = valid_from or (hired if known is None else timezone.localdate())
    post = read_post(r, refs, on)
    if post is not None and known is None and post.payer_id is None:
        post = dataclasses.replace(post, payer_id=refs.default_payer(post.appointing_authority_id))
    row = EmployeeRow(r.row, number, profile, hired, separated, valid_from, post, _my_number(r), known)
    if known is not None and mode != Mode.CREATE:
        _compare(r, row, known, valid_from or timezone.localdate())
    return row if number else None


def _compare(r: RowReader, row: EmployeeRow, known: Existing, on: datetime.date) -> None:
    """Refuse what needs a 発令 (each differing post column in the file); collect the 基本情報 that differs."""
    if row.hired_on and row.hired_on != known.hired_on:
        r.problem(
            "入庁日", f"登録済みの入庁日({known.hired_on.isoformat()})は取込では変更できません(発令で訂正してください)"
        )
    if r.raw("退職日") and row.separated_on != known.separated_on:
        registered = known.separated_on.isoformat() if known.separated_on else "なし"
        r.problem("退職日", f"退職日(登録: {registered})は取込では変更できません(退職の発令で行ってください)")
    current = known.post_on(on)
    if row.post is not None and current is not None:
        message = (
            f"所属・職・給料等が登録内容({on.isoformat()}時点、{current[0].isoformat()}から)と異なります。"
            "登録済みの職員の異動・昇任・昇給などは発令で行ってください"
        )
        for name, header in POST_HEADERS.items():
            if r.has(header) and getattr(current[1], name) != getattr(row.post, name):
                r.problem(header, message)
    elif row.post is not None:
        r.problem("適用開始日", f"{on.isoformat()}時点の本務の任用が登録されていません(発令で登録してください)")
    row.changes = {k: (known.profile[k], v) for k, v in row.profile.items() if known.profile[k] != v}


def duplicate_problems(rows: list[EmployeeRow]) -> list[FieldProblem]:
    """The same 職員番号 or 個人番号 twice in the file (reported on the later row)."""
    problems: list[FieldProblem] = []
    numbers: dict[str, int] = {}
    my_numbers: dict[str, int] = {}
    for row in rows:
        first = numbers.setdefault(row.staff_number, row.row)
        if first != row.row:
            message = f"職員番号「{row.staff_number}」が{first}行目と重複しています"
            problems.append(FieldProblem(field="職員番号", message=message, row=row.row))
        if row.my_number:
            seen = my_numbers.setdefault(row.my_number, row.row)
            if seen != row.row:
                problems.append(
                    FieldProblem(field="個人番号", message=f"個人番号が{seen}行目と重複しています", row=row.row)
                )
    return problems


def outcome_of(row: EmployeeRow) -> RowOutcome:
    if row.existing is None:
        return RowOutcome(row.row, row.staff_number, RowAction.CREATE)
    if not row.changes:
        return RowOutcome(row.row, row.staff_number, RowAction.UNCHANGED)
    shown = dict(PROFILE.items())
    changes = {
        header: (_text(row.changes[name][0]), _text(row.changes[name][1]))
        for header, name in shown.items()
        if name in row.changes
    }
    return RowOutcome(row.row, row.staff_number, RowAction.UPDATE, changes)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "する" if value else "しない"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)
