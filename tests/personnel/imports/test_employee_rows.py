"""Employee rows: every bad row reported with row, column and reason; all or nothing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from jinji.accounts.models import Role
from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, FieldProblem
from jinji.personnel.imports import RowAction, import_apply, import_preview
from jinji.personnel.models import ActionType, Assignment, Employee, MyNumberRecord, PersonnelAction
from jinji.personnel.search_text import search_text_of
from tests.factories import PayerFactory, RoleGrantFactory
from tests.personnel.imports.conftest import EMPLOYEE_HEADER, Master, csv_bytes, good_row

VALID_MY_NUMBER = "123456789018"


def problems_of(master: Master, *rows: list[str], header: list[str] = EMPLOYEE_HEADER) -> list[FieldProblem]:
    data = csv_bytes(header, list(rows))
    return import_preview(acting_user=master.hr, file_bytes=data, filename="s.csv", kind="employees").problems


def apply(master: Master, *rows: list[str], header: list[str] = EMPLOYEE_HEADER, user=None):  # type: ignore[no-untyped-def]
    data = csv_bytes(header, list(rows))
    return import_apply(acting_user=user or master.hr, file_bytes=data, filename="s.csv", kind="employees")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-02-30", "2026-02-30 は存在しない日付です"),
        ("令和0年4月1日", "令和0年は存在しません (年は1 (元年) 以上です)"),
        ("平成32年4月1日", "平成32年4月1日 は存在しません (平成は平成31年4月30日まで、2020-04-01 は令和2年4月1日です)"),
        ("R0.4.1", "令和0年は存在しません (年は1 (元年) 以上です)"),
        ("昨日", "日付として読めません(例: 2026-04-01、2026/4/1、令和8年4月1日、R8.4.1)"),
    ],
)
def test_bad_dates(master: Master, value: str, message: str) -> None:
    assert problems_of(master, good_row(入庁日=value, 適用開始日="")) == [FieldProblem("入庁日", message, row=2)]


@pytest.mark.parametrize(
    "value", ["2026-04-01", "2026/4/1", "２０２６／４／１", "令和8年4月1日", "R8.4.1", "令８．４．１", "20260401"]
)
def test_dates_in_western_and_japanese_calendars(master: Master, value: str) -> None:
    apply(master, good_row(入庁日=value, 適用開始日=""))
    assert Employee.unscoped.get(staff_number="200001").hired_on == datetime.date(2026, 4, 1)


def test_unknown_and_closed_units(master: Master) -> None:
    assert problems_of(master, good_row(所属コード="999"), good_row("200002", 所属コード="900")) == [
        FieldProblem("所属コード", "所属コード「999」の組織はありません", row=2),
        FieldProblem(
            "所属コード", "所属コード「900」の組織は2026-04-01には存在しません(存続期間 2000-04-01〜2020-03-31)", row=3
        ),
    ]


def test_unknown_codes(master: Master) -> None:
    row = good_row(職コード="999", 給料表="gyosei_9")
    assert problems_of(master, row) == [
        FieldProblem("職コード", "「999」はありません", row=2),
        FieldProblem("給料表", "「gyosei_9」はありません", row=2),
    ]


def test_duplicate_staff_number_in_the_file(master: Master) -> None:
    assert problems_of(master, good_row("200001"), good_row("２０００１１"), good_row("200001")) == [
        FieldProblem("職員番号", "職員番号「200001」が2行目と重複しています", row=4)
    ]


def test_duplicate_staff_number_against_the_database(master: Master) -> None:
    header = [*EMPLOYEE_HEADER, "処理区分"]
    assert problems_of(master, [*good_row("100001"), "新規"], [*good_row("300001"), "更新"], header=header) == [
        FieldProblem("職員番号", "職員番号「100001」は既に登録されています(処理区分「新規」)", row=2),
        FieldProblem("職員番号", "職員番号「300001」は登録されていません(処理区分「更新」)", row=3),
    ]


def test_bad_my_number_check_digit(master: Master) -> None:
    RoleGrantFactory(user=master.hr, organization=master.org, role=Role.MYNUMBER_OFFICER)
    header = [*EMPLOYEE_HEADER, "個人番号"]
    assert problems_of(master, [*good_row(), "123456789012"], [*good_row("200002"), "1234-5678"], header=header) == [
        FieldProblem(
            "個人番号", "個人番号の検査用数字 (12桁目) が正しくありません。番号に誤りがないか確認してください", row=2
        ),
        FieldProblem("個人番号", "個人番号は12桁の数字です (入力は8桁です)", row=3),
    ]


def test_my_number_needs_the_officer_and_is_stored_encrypted(master: Master) -> None:
    header = [*EMPLOYEE_HEADER, "個人番号"]
    row = [*good_row(), VALID_MY_NUMBER]
    assert problems_of(master, row, header=header) == [
        FieldProblem(
            "個人番号",
            "個人番号を取り込めるのは番号事務取扱担当者だけです(列を削除するか、担当者が取り込んでください)",
            row=1,
        )
    ]
    RoleGrantFactory(user=master.hr, organization=master.org, role=Role.MYNUMBER_OFFICER)
    apply(master, row, header=header)
    record = MyNumberRecord.unscoped.get(employee__staff_number="200001")
    assert VALID_MY_NUMBER.encode() not in bytes(record.ciphertext)


def test_mixed_width_characters_are_normalised(master: Master) -> None:
    row = good_row("２０００９９", 氏="山田　", 名="ﾊﾅｺ", 氏フリガナ="ﾔﾏﾀﾞ", 名フリガナ="はなこ", 級="２", 号給="２５",
                   週勤務時間="３８：４５", 所属コード="１００")  # fmt: skip
    apply(master, row)
    e = Employee.unscoped.get(staff_number="200099")
    assert (e.family_name, e.given_name, e.family_name_kana, e.given_name_kana) == (
        "山田",
        "ハナコ",
        "ヤマダ",
        "ハナコ",
    )
    assert e.search_text == search_text_of(e)
    post = Assignment.unscoped.get(employee=e)
    assert (post.grade, post.step, post.weekly_minutes, post.org_unit_id) == (2, 25, 2325, master.unit.pk)


def test_kana_and_choices_are_checked(master: Master) -> None:
    assert problems_of(master, good_row(氏フリガナ="Sato", 任用区分="アルバイト", 級="9")) == [
        FieldProblem("氏フリガナ", "カタカナで入力してください", row=2),
        FieldProblem(
            "任用区分",
            "「アルバイト」は使えません(使えるもの: 正規、再任用(フルタイム)、再任用(短時間)、任期付、"
            "会計年度任用(フルタイム)、会計年度任用(パートタイム)、臨時的任用、特別職)",
            row=2,
        ),
        FieldProblem("級", "1〜7の整数で入力してください", row=2),
    ]


def test_a_failing_row_makes_the_whole_import_change_nothing(master: Master) -> None:
    employees, events = Employee.unscoped.count(), AuditEvent.objects.count()
    with pytest.raises(DomainError) as caught:
        apply(master, good_row("200001"), good_row("200002", 生年月日="1990-13-01"), good_row("200003"))
    assert caught.value.problems == [FieldProblem("生年月日", "1990-13-01 は存在しない日付です", row=3)]
    assert Employee.unscoped.count() == employees
    assert AuditEvent.objects.count() == events


def test_dry_run_writes_nothing_and_says_what_would_change(master: Master) -> None:
    Assignment.unscoped.filter(employee=master.employee).update(grade=None, step=None, salary_schedule=None)
    employees, events = Employee.unscoped.count(), AuditEvent.objects.count()
    renamed = good_row("100001", 氏="山田", 名="次郎", 氏フリガナ="ヤマダ", 名フリガナ="タロウ", 生年月日="1985-06-15",
                       入庁日="2008-04-01", 職コード="", 給料表="", 級="", 号給="", 適用開始日="")  # fmt: skip
    data = csv_bytes(EMPLOYEE_HEADER, [good_row(), renamed])
    preview = import_preview(acting_user=master.hr, file_bytes=data, filename="s.csv", kind="employees")
    assert preview.problems == []
    assert [(r.row, r.key, r.action) for r in preview.rows] == [
        (2, "200001", RowAction.CREATE),
        (3, "100001", RowAction.UPDATE),
    ]
    assert preview.rows[1].changes == {"名": (master.employee.given_name, "次郎")}
    assert (preview.creates, preview.updates, preview.unchanged) == (1, 1, 0)
    assert Employee.unscoped.count() == employees
    assert AuditEvent.objects.count() == events
    assert Employee.unscoped.get(pk=master.employee.pk).given_name == master.employee.given_name


def test_hire_creates_an_applied_action_the_first_post_and_audit_rows(master: Master) -> None:
    result = apply(master, good_row("200001"), good_row("200002", 適用開始日="2026-05-01"))
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    e = Employee.unscoped.get(staff_number="200002")
    action = PersonnelAction.unscoped.get(employee=e)
    assert (action.action_type, action.status, action.effective_on, action.row_number) == (
        ActionType.HIRE, "applied", datetime.date(2026, 5, 1), 3
    )  # fmt: skip
    post = Assignment.unscoped.get(employee=e)
    assert post.action_id == action.pk
    assert post.valid_from == datetime.date(2026, 5, 1)
    assert post.valid_to is None
    assert post.payer is not None
    assert post.payer.code == "01"
    created = AuditEvent.objects.filter(action="personnel.employee.create", organization=master.org)
    assert created.count() == 2
    summary = AuditEvent.objects.get(action="personnel.import", organization=master.org)
    assert summary.after["created"] == 2
    assert summary.actor_id == master.hr.pk


def test_update_changes_only_basic_data_and_refuses_post_changes(master: Master) -> None:
    header = [
        "職員番号",
        "氏",
        "名",
        "氏フリガナ",
        "名フリガナ",
        "生年月日",
        "入庁日",
        "所属コード",
        "任用区分",
        "級",
        "旧姓",
    ]
    base = ["100001", "田中", "太郎", "タナカ", "タロウ", "1985-06-15", "2008-04-01", "100", "正規", "", "山田"]
    message = (
        f"所属・職・給料等が登録内容({timezone.localdate().isoformat()}時点、2008-04-01から)と異なります。"
        "登録済みの職員の異動・昇任・昇給などは発令で行ってください"
    )
    assert problems_of(master, [*base[:7], "200", *base[8:]], header=header) == [
        FieldProblem("所属コード", message, row=2),
        FieldProblem("級", message, row=2),
    ]
    base[header.index("級")] = "2"
    problems = problems_of(master, base, header=header)
    assert problems == [FieldProblem("級", "級を入力するときは給料表も入力してください", row=2)]


def test_update_of_names_keeps_history_and_bumps_version(master: Master) -> None:
    header = [
        "職員番号",
        "氏",
        "名",
        "氏フリガナ",
        "名フリガナ",
        "生年月日",
        "入庁日",
        "所属コード",
        "任用区分",
        "旧姓",
    ]
    row = ["100001", "田中", master.employee.given_name, "タナカ", "タロウ", "1985-06-15", "2008-04-01", "100", "正規",
           "山田"]  # fmt: skip
    Assignment.unscoped.filter(employee=master.employee).update(grade=None, step=None, salary_schedule=None)
    result = apply(master, row, header=header)
    assert (result.created, result.updated) == (0, 1)
    e = Employee.unscoped.get(pk=master.employee.pk)
    assert (e.family_name, e.former_family_name, e.version) == ("田中", "山田", 2)
    assert "ヤマダ" not in e.search_text.split()[2]
    assert e.search_text == search_text_of(e)
    event = AuditEvent.objects.get(action="personnel.employee.update", target_id=str(e.pk))
    assert event.before["family_name"] == "山田"
    assert event.after["family_name"] == "田中"
    again = import_preview(
        acting_user=master.hr, file_bytes=csv_bytes(header, [row]), filename="s.csv", kind="employees"
    )
    assert [r.action for r in again.rows] == [RowAction.UNCHANGED]


def test_post_columns_missing_from_the_file_are_not_compared(master: Master) -> None:
    payer = PayerFactory(organization=master.org, code="09", name="別会計")
    Assignment.unscoped.filter(employee=master.employee).update(payer=payer)
    header = ["職員番号", "氏", "名", "氏フリガナ", "名フリガナ", "生年月日", "入庁日", "所属コード", "任用区分",
              "給料表", "級", "号給"]  # fmt: skip
    row = [
        "100001",
        "山田",
        "太郎",
        "ヤマダ",
        "タロウ",
        "1985-06-15",
        "2008-04-01",
        "100",
        "正規",
        "gyosei_1",
        "2",
        "20",
    ]
    data = csv_bytes(header, [row])
    preview = import_preview(acting_user=master.hr, file_bytes=data, filename="s.csv", kind="employees")
    assert [(r.action, r.changes) for r in preview.rows] == [(RowAction.UNCHANGED, {})]
    assert problems_of(master, [*row, ""], header=[*header, "給与支払者コード"]) == [
        FieldProblem(
            "給与支払者コード",
            f"所属・職・給料等が登録内容({timezone.localdate().isoformat()}時点、2008-04-01から)と異なります。"
            "登録済みの職員の異動・昇任・昇給などは発令で行ってください",
            row=2,
        )
    ]


def test_retired_staff_can_be_migrated_with_their_last_post_closed(master: Master) -> None:
    header = [*EMPLOYEE_HEADER, "退職日"]
    assert problems_of(
        master, [*good_row(入庁日="2000-04-01", 適用開始日="2021-04-01"), "2020-03-31"], header=header
    ) == [FieldProblem("適用開始日", "適用開始日は退職日以前の日付にしてください", row=2)]
    apply(master, [*good_row(入庁日="2000-04-01", 適用開始日="2015-04-01"), "R2.3.31"], header=header)
    e = Employee.unscoped.get(staff_number="200001")
    assert e.separated_on == datetime.date(2020, 3, 31)
    post = Assignment.unscoped.get(employee=e)
    assert (post.valid_from, post.valid_to) == (datetime.date(2015, 4, 1), datetime.date(2020, 3, 31))
