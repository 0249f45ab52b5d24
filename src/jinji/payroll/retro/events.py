"""Audit action codes of 差額 and 追給・戻入."""

from __future__ import annotations

from jinji.audit.actions import register_action_labels

RETRO_CREATE = "payroll.retro.create"
RETRO_COMPUTE = "payroll.retro.compute"
CORRECTION_CREATE = "payroll.correction.create"
CORRECTION_DELETE = "payroll.correction.delete"
RUN_INVALIDATE = "payroll.run.invalidate"

register_action_labels(
    {
        RETRO_CREATE: "差額計算の作成",
        RETRO_COMPUTE: "差額計算の実行",
        CORRECTION_CREATE: "追給・戻入の登録",
        CORRECTION_DELETE: "追給・戻入の取消",
        RUN_INVALIDATE: "差額・追給の変更による給与計算の再計算待ち",
    }
)
