"""``jinji import-employees``: dry run, import, and a refused file."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jinji.personnel.models import Employee
from tests.personnel.imports.conftest import EMPLOYEE_HEADER, Master, csv_bytes, good_row


def test_dry_run_then_import(master: Master, tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(csv_bytes(EMPLOYEE_HEADER, [good_row("200001"), good_row("200002")], encoding="cp932"))
    args = [str(path), "--organization", master.org.code, "--user", master.hr.username]
    out = StringIO()
    call_command("import_employees", *args, "--dry-run", stdout=out)
    assert "CSV (CP932)、2 行(新規 2、更新 0、変更なし 0)" in out.getvalue()
    assert not Employee.unscoped.filter(staff_number="200001").exists()
    call_command("import_employees", *args, stdout=out)
    assert "取り込みました: 新規 2" in out.getvalue()
    assert Employee.unscoped.filter(organization=master.org, staff_number__in=["200001", "200002"]).count() == 2


def test_problems_are_listed_and_nothing_is_written(master: Master, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(EMPLOYEE_HEADER, [good_row("200001"), good_row("200002", 所属コード="999")]))
    err = StringIO()
    with pytest.raises(CommandError, match="1 件の問題"):
        call_command(
            "import_employees", str(path), "--organization", master.org.code, "--user", master.hr.username,
            stderr=err,
        )  # fmt: skip
    assert "3行目 所属コード: 所属コード「999」の組織はありません" in err.getvalue()
    assert not Employee.unscoped.filter(staff_number="200001").exists()


def test_unknown_user_or_file(master: Master, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="利用者 nobody"):
        call_command("import_employees", __file__, "--organization", master.org.code, "--user", "nobody")
    with pytest.raises(CommandError, match="ありません"):
        call_command("import_employees", str(tmp_path / "none.csv"), "--organization", "1", "--user", "x")
