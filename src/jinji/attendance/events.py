"""Audit action codes recorded by the attendance app, with their Japanese labels."""

from __future__ import annotations

CLOCKED = "attendance.clocked"
CLOCKED_BY_PROXY = "attendance.clocked_by_proxy"
SHEET_CONFIRMED = "attendance.sheet_confirmed"
MONTH_CLOSED = "attendance.month_closed"
SCHEDULE_ASSIGNED = "attendance.schedule_assigned"
CORRECTED = "attendance.corrected"
LEAVE_RECORDED = "attendance.leave_recorded"
LEAVE_GRANTED = "attendance.leave_granted"
OVERTIME_ORDERED = "attendance.overtime_ordered"
OVERTIME_CONFIRMED = "attendance.overtime_confirmed"
SEAT_BOOKED = "attendance.seat_booked"
SEAT_CANCELLED = "attendance.seat_cancelled"
DEFINITIONS_SEEDED = "attendance.definitions_seeded"
REMOTE_WORK_RECORDED = "attendance.remote_work_recorded"
LOCATION_SAVED = "attendance.location_saved"
SCHEDULE_SAVED = "attendance.schedule_saved"
POLICY_SAVED = "attendance.policy_saved"
DEMO_SEEDED = "attendance.demo_seeded"
SHIFT_PATTERN_SAVED = "attendance.shift_pattern_saved"
SHIFT_ROTATION_ASSIGNED = "attendance.shift_rotation_assigned"
REST_DAY_TRANSFERRED = "attendance.rest_day_transferred"
OVERTIME_ACTUAL_REPORTED = "attendance.overtime_actual_reported"
UNIT_PDF_REQUESTED = "attendance.unit_pdf_requested"

LABELS = {
    CLOCKED: "出退勤の打刻",
    CLOCKED_BY_PROXY: "出退勤の代理入力(庶務担当)",
    SHEET_CONFIRMED: "出勤簿の確認",
    MONTH_CLOSED: "勤怠締め",
    SCHEDULE_ASSIGNED: "勤務時間の割振り",
    CORRECTED: "打刻の修正(修正申請の決裁)",
    LEAVE_RECORDED: "休暇の使用の記録(休暇簿)",
    LEAVE_GRANTED: "年次休暇の付与",
    OVERTIME_ORDERED: "時間外勤務命令(決裁)",
    OVERTIME_CONFIRMED: "時間外勤務の実績確認",
    SEAT_BOOKED: "サテライトオフィスの予約",
    SEAT_CANCELLED: "サテライトオフィスの予約の取消",
    DEFINITIONS_SEEDED: "就業管理の承認ルートの初期設定",
    REMOTE_WORK_RECORDED: "在宅勤務・ワーケーションの記録(決裁)",
    LOCATION_SAVED: "勤務場所の登録・変更",
    SCHEDULE_SAVED: "勤務時間の割振りパターンの登録・変更",
    POLICY_SAVED: "就業管理の設定の変更",
    DEMO_SEEDED: "就業管理のデモデータの追加",
    SHIFT_PATTERN_SAVED: "交替制勤務のパターンの登録・変更",
    SHIFT_ROTATION_ASSIGNED: "交替制勤務の割当",
    REST_DAY_TRANSFERRED: "週休日の振替",
    OVERTIME_ACTUAL_REPORTED: "時間外勤務の実績の入力(本人)",
    UNIT_PDF_REQUESTED: "所属の出勤簿PDFの作成",
}
