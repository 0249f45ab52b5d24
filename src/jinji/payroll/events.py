"""Audit action codes of the payroll app and their Japanese labels."""

from __future__ import annotations

from jinji.audit.actions import register_action_labels

RUN_CREATE = "payroll.run.create"
RUN_COMPUTE = "payroll.run.compute"
RUN_EXCLUDE = "payroll.run.exclude"
RUN_SUBMIT = "payroll.run.submit"
RUN_APPROVE = "payroll.run.approve"
RUN_FINALIZE = "payroll.run.finalize"
RUN_EXPORT = "payroll.run.export"
PAYSLIP_READ = "payroll.payslip.read"
RESIDENT_TAX_IMPORT = "payroll.resident_tax.import"

register_action_labels(
    {
        RUN_CREATE: "給与計算の作成",
        RUN_COMPUTE: "給与計算の実行",
        RUN_EXCLUDE: "給与計算からの除外",
        RUN_SUBMIT: "給与計算の決裁依頼",
        RUN_APPROVE: "給与計算の承認",
        RUN_FINALIZE: "給与計算の確定",
        RUN_EXPORT: "給与データの出力",
        PAYSLIP_READ: "他の職員の給与明細の閲覧",
        RESIDENT_TAX_IMPORT: "住民税特別徴収税額の取込",
    }
)
