"""Audit action codes of the evaluation app and their Japanese labels (shown on the audit screen)."""

from __future__ import annotations

from jinji.audit.actions import register_action_labels

PERIOD_SETTING_SAVE = "evaluation.period_setting.save"
TEMPLATE_CREATE = "evaluation.template.create"
CYCLE_CREATE = "evaluation.cycle.create"
CYCLE_UPDATE = "evaluation.cycle.update"
CYCLE_OPEN = "evaluation.cycle.open"
SHEETS_GENERATE = "evaluation.sheets.generate"
SHEET_SAVE = "evaluation.sheet.save"
SHEET_SUBMIT = "evaluation.sheet.submit"
SHEET_SEND_BACK = "evaluation.sheet.send_back"
SHEET_CONFIRM = "evaluation.sheet.confirm"
SHEET_DISCLOSE = "evaluation.sheet.disclose"
SHEET_REOPEN = "evaluation.sheet.reopen"
SHEET_EVALUATORS = "evaluation.sheet.evaluators"
GOALS_SAVE = "evaluation.goals.save"
GOALS_AGREE = "evaluation.goals.agree"
GOALS_REVOKE = "evaluation.goals.revoke"
GOAL_REVIEW = "evaluation.goal.review"
INTERVIEW_RECORD = "evaluation.interview.record"
COMPLAINT_FILE = "evaluation.complaint.file"
COMPLAINT_HANDLE = "evaluation.complaint.handle"
REMINDERS_SEND = "evaluation.reminders.send"
STEP_INCREASE_PROPOSE = "evaluation.step_increase.propose"
EXPORT = "evaluation.export"
SHEET_READ = "evaluation.sheet.read"

LABELS = {
    PERIOD_SETTING_SAVE: "人事評価: 評価期間の設定",
    TEMPLATE_CREATE: "人事評価: 評価シート様式の作成",
    CYCLE_CREATE: "人事評価: 評価サイクルの作成",
    CYCLE_UPDATE: "人事評価: 評価サイクルの変更",
    CYCLE_OPEN: "人事評価: 評価サイクルの開始",
    SHEETS_GENERATE: "人事評価: 評価シートの作成",
    SHEET_SAVE: "人事評価: 評価の入力",
    SHEET_SUBMIT: "人事評価: 評価の提出",
    SHEET_SEND_BACK: "人事評価: 評価の差戻し",
    SHEET_CONFIRM: "人事評価: 評価の確定",
    SHEET_DISCLOSE: "人事評価: 評価結果の開示",
    SHEET_REOPEN: "人事評価: 確定の取消し(再開)",
    SHEET_EVALUATORS: "人事評価: 評価者の変更",
    GOALS_SAVE: "人事評価: 目標の入力",
    GOALS_AGREE: "人事評価: 目標の合意",
    GOALS_REVOKE: "人事評価: 目標の合意の取消し",
    GOAL_REVIEW: "人事評価: 目標の中間・期末の記録",
    INTERVIEW_RECORD: "人事評価: 面談の記録",
    COMPLAINT_FILE: "人事評価: 苦情の申出",
    COMPLAINT_HANDLE: "人事評価: 苦情の対応",
    REMINDERS_SEND: "人事評価: 期限超過の督促",
    STEP_INCREASE_PROPOSE: "人事評価: 昇給の発令案の作成",
    EXPORT: "人事評価: 評価結果の出力",
    SHEET_READ: "人事評価: 評価シートの参照(本人以外)",
}


def register() -> None:
    register_action_labels(LABELS)
