"""Org unit and assignment history files."""

from __future__ import annotations

import datetime

import pytest

from jinji.core.errors import DomainError, FieldProblem
from jinji.core.tenancy import tenant_context
from jinji.org.models import OrgUnit, OrgUnitVersion
from jinji.org.selectors import unit_by_code
from jinji.personnel.imports import RowAction, import_apply, import_preview
from jinji.personnel.models import Assignment
from tests.personnel.imports.conftest import Master, csv_bytes

UNIT_HEADER = ["所属コード", "名称", "階層", "上位所属コード", "任命権者コード", "表示順", "適用開始日"]
HISTORY_HEADER = ["職員番号", "区分", "所属コード", "任用区分", "勤務形態", "週勤務時間", "適用開始日", "適用終了日"]


def run(master: Master, kind: str, header: list[str], rows: list[list[str]], *, dry: bool = False):  # type: ignore[no-untyped-def]
    call = import_preview if dry else import_apply
    return call(acting_user=master.hr, file_bytes=csv_bytes(header, rows), filename="f.csv", kind=kind)


def test_new_units_with_a_parent_later_in_the_file(master: Master) -> None:
    rows = [
        ["310", "市民課", "課", "300", "01", "2", "2026-04-01"],
        ["300", "市民部", "部", "", "01", "1", "2026-04-01"],
        ["311", "戸籍係", "係", "310", "01", "3", "令和8年4月1日"],
    ]
    result = run(master, "org_units", UNIT_HEADER, rows)
    assert (result.created, result.updated) == (3, 0)
    with tenant_context(master.org):
        section = unit_by_code(organization=master.org, code="311", on=datetime.date(2026, 4, 1))
        assert section is not None
        assert section.name == "戸籍係"
        assert section.level == "section"
        division = OrgUnit.objects.get(code="310")
        assert section.parent_id == division.pk
        assert unit_by_code(organization=master.org, code="311", on=datetime.date(2026, 3, 31)) is None


def test_renaming_a_unit_from_a_date_keeps_the_old_version(master: Master) -> None:
    result = run(master, "org_units", UNIT_HEADER, [["100", "総務管理課", "課", "", "01", "0", "2026-04-01"]])
    assert result.updated == 1
    names = list(
        OrgUnitVersion.unscoped.filter(unit=master.unit).order_by("valid_from").values_list("name", "valid_to")
    )
    assert names == [("総務課", datetime.date(2026, 3, 31)), ("総務管理課", None)]


def test_unit_problems(master: Master) -> None:
    rows = [
        ["400", "新課", "課", "999", "01", "", "2026-04-01"],
        ["401", "別課", "部署", "", "09", "", "2026-04-01"],
        ["400", "重複", "課", "", "01", "", "2026-04-01"],
        ["402", "自分", "課", "402", "01", "", "2026-04-01"],
    ]
    preview = run(master, "org_units", UNIT_HEADER, rows, dry=True)
    assert preview.problems == [
        FieldProblem("上位所属コード", "上位組織「999」は登録されておらず、このファイルにもありません", row=2),
        FieldProblem("階層", "「部署」は使えません(使えるもの: 部、課、係、出先機関、その他)", row=3),
        FieldProblem("任命権者コード", "「09」はありません", row=3),
        FieldProblem("所属コード", "所属コード「400」が2行目と重複しています", row=4),
        FieldProblem("上位所属コード", "自分自身を上位組織にはできません", row=5),
    ]
    assert not OrgUnit.unscoped.filter(organization=master.org, code="400").exists()


def test_history_rows_create_unchanged_and_refuse_overlaps(master: Master) -> None:
    past = ["100001", "本務", "200", "正規", "常勤", "38:45", "2005-04-01", "2008-03-31"]
    preview = run(master, "assignments", HISTORY_HEADER, [past], dry=True)
    assert preview.problems == [FieldProblem("適用開始日", "入庁日(2008-04-01)より前の期間です", row=2)]
    overlapping = ["100001", "本務", "200", "正規", "常勤", "38:45", "2010-04-01", ""]
    concurrent = ["100001", "兼務", "200", "正規", "常勤", "38:45", "2020-04-01", "2021-03-31"]
    unknown = ["999999", "本務", "200", "正規", "常勤", "38:45", "2020-04-01", ""]
    preview = run(master, "assignments", HISTORY_HEADER, [overlapping, concurrent, unknown], dry=True)
    assert preview.problems == [
        FieldProblem("適用開始日", "本務の期間が登録済みの任用(2008-04-01〜)と重なっています", row=2),
        FieldProblem("職員番号", "職員番号「999999」の職員は登録されていません", row=4),
    ]
    result = run(master, "assignments", HISTORY_HEADER, [concurrent])
    assert result.created == 1
    assert Assignment.unscoped.filter(employee=master.employee, kind="concurrent").count() == 1
    again = run(master, "assignments", HISTORY_HEADER, [concurrent], dry=True)
    assert [r.action for r in again.rows] == [RowAction.UNCHANGED]
    changed = [*concurrent[:7], "2022-03-31"]
    assert run(master, "assignments", HISTORY_HEADER, [changed], dry=True).problems == [
        FieldProblem(
            "適用開始日",
            "2020-04-01からの履歴が既に登録されていて内容が異なります(登録済みの履歴の訂正は発令の訂正で行ってください)",
            row=2,
        )
    ]


def test_history_rows_overlapping_each_other(master: Master) -> None:
    Assignment.unscoped.filter(employee=master.employee).delete()
    rows = [
        ["100001", "本務", "100", "正規", "常勤", "38:45", "2008-04-01", "2012-03-31"],
        ["100001", "本務", "200", "正規", "常勤", "38:45", "2012-03-01", ""],
    ]
    with pytest.raises(DomainError) as caught:
        run(master, "assignments", HISTORY_HEADER, rows)
    assert caught.value.problems == [
        FieldProblem("適用開始日", "本務の期間が2行目(2008-04-01〜2012-03-31)と重なっています", row=3)
    ]
    assert not Assignment.unscoped.filter(employee=master.employee).exists()
