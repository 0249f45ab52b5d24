"""Audit action codes recorded by the 庶務事務 app, with their Japanese labels."""

from __future__ import annotations

ATTACHMENT_ADDED = "applications.attachment_added"
ATTACHMENT_READ = "applications.attachment_read"
ATTACHMENT_REFUSED = "applications.attachment_refused"
DETERMINATION_RECORDED = "applications.determination_recorded"
DETERMINATIONS_EXPORTED = "applications.determinations_exported"
DEFINITIONS_SEEDED = "applications.definitions_seeded"

LABELS = {
    ATTACHMENT_ADDED: "申請の添付書類の登録",
    ATTACHMENT_READ: "他人の申請の添付書類の閲覧",
    ATTACHMENT_REFUSED: "申請の添付書類の閲覧拒否",
    DETERMINATION_RECORDED: "手当の認定(認定簿への記載)",
    DETERMINATIONS_EXPORTED: "認定簿のCSV出力",
    DEFINITIONS_SEEDED: "庶務事務の承認ルートの初期設定",
}
