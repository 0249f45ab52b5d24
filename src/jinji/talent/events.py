"""Audit action codes of the talent app and their Japanese labels (registered with the audit screen)."""

from __future__ import annotations

from jinji.audit.actions import register_action_labels

QUALIFICATION_MASTER_ADD = "talent.qualification_master.add"
QUALIFICATION_REGISTER = "talent.qualification.register"
QUALIFICATION_VERIFY = "talent.qualification.verify"
QUALIFICATION_REJECT = "talent.qualification.reject"
QUALIFICATION_RENEW = "talent.qualification.renew"
EVIDENCE_READ = "talent.qualification.evidence_read"
SKILL_SUBMIT = "talent.skill.submit"
SKILL_CONFIRM = "talent.skill.confirm"
SKILL_RETURN = "talent.skill.return"
COURSE_CREATE = "talent.course.create"
COURSE_REQUIREMENT_ADD = "talent.course.requirement_add"
SESSION_CREATE = "talent.session.create"
ENROLMENT_CREATE = "talent.enrolment.create"
ENROLMENT_CANCEL = "talent.enrolment.cancel"
MANDATORY_ENROL = "talent.enrolment.mandatory"
RESULTS_RECORD = "talent.session.results"
CERTIFICATE_PRINT = "talent.certificate.print"
ROLE_TAG_DESIGNATE = "talent.role_tag.designate"
ROLE_TAG_END = "talent.role_tag.end"
WISH_SUBMIT = "talent.wish.submit"
CATEGORY_CREATE = "talent.recruitment.category_create"
RULE_ADD = "talent.recruitment.rule_add"
APPLICANT_REGISTER = "talent.applicant.register"
APPLICANT_STATUS = "talent.applicant.status"
APPLICANT_HIRE = "talent.applicant.hire"
TERM_REGISTER = "talent.term.register"
TERM_REAPPOINT = "talent.term.reappoint"
TERM_END = "talent.term.end"
ALLOWANCE_RULE_CREATE = "talent.allowance_rule.create"
ALLOWANCE_RULE_END = "talent.allowance_rule.end"
SEARCH_EXPORT = "talent.search.export"
REMINDERS_SEND = "talent.reminders.send"
DEMO_SEED = "talent.demo.seed"

LABELS = {
    QUALIFICATION_MASTER_ADD: "資格マスタの追加",
    QUALIFICATION_REGISTER: "資格の登録",
    QUALIFICATION_VERIFY: "資格の確認(人事)",
    QUALIFICATION_REJECT: "資格の差戻し(人事)",
    QUALIFICATION_RENEW: "資格の更新",
    EVIDENCE_READ: "資格の証明書類の閲覧",
    SKILL_SUBMIT: "スキル自己評価の提出",
    SKILL_CONFIRM: "スキル自己評価の確認(所属長)",
    SKILL_RETURN: "スキル自己評価の差戻し(所属長)",
    COURSE_CREATE: "研修コースの作成",
    COURSE_REQUIREMENT_ADD: "研修の受講必須条件の追加",
    SESSION_CREATE: "研修日程の作成",
    ENROLMENT_CREATE: "研修の受講登録",
    ENROLMENT_CANCEL: "研修の受講取消",
    MANDATORY_ENROL: "受講必須者の自動登録",
    RESULTS_RECORD: "研修の出欠・修了の記録",
    CERTIFICATE_PRINT: "修了証の出力",
    ROLE_TAG_DESIGNATE: "役割(DX推進員等)の指定",
    ROLE_TAG_END: "役割(DX推進員等)の指定終了",
    WISH_SUBMIT: "自己申告(異動希望)の提出",
    CATEGORY_CREATE: "採用区分の作成",
    RULE_ADD: "採用区分の応募資格の追加",
    APPLICANT_REGISTER: "応募者の登録",
    APPLICANT_STATUS: "応募者の選考状況の変更",
    APPLICANT_HIRE: "応募者の採用",
    TERM_REGISTER: "任期の登録",
    TERM_REAPPOINT: "再度の任用(任期の更新)",
    TERM_END: "任期の終了",
    ALLOWANCE_RULE_CREATE: "資格手当の支給基準の作成",
    ALLOWANCE_RULE_END: "資格手当の支給基準の終了",
    SEARCH_EXPORT: "人材検索結果の出力",
    REMINDERS_SEND: "資格期限・任期満了のお知らせ送信",
    DEMO_SEED: "人材育成のデモデータ作成",
}


def register() -> None:
    register_action_labels(LABELS)
