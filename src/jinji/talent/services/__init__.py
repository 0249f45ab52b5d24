"""Writes of the talent app. Keyword-only ``<entity>_<action>(*, acting_user, ...)``; each runs in one
transaction with the rows it protects locked and records an audit event. Bad input raises
:class:`jinji.core.errors.DomainError` naming the field, in Japanese, and changes nothing."""

from jinji.talent.services.allowance import allowance_rule_create, allowance_rule_end
from jinji.talent.services.enrolment import enrolment_cancel, enrolment_create, mandatory_enrolment_apply
from jinji.talent.services.hiring import applicant_hire
from jinji.talent.services.qualifications import (
    qualification_master_add,
    qualification_register,
    qualification_renew,
    qualification_review,
)
from jinji.talent.services.recruitment import (
    applicant_register,
    applicant_status_set,
    eligibility_rule_add,
    recruitment_category_create,
)
from jinji.talent.services.reminders import ReminderResult, reminders_send
from jinji.talent.services.roles import role_tag_designate, role_tag_end
from jinji.talent.services.skills import SkillClaim, skill_assessment_decide, skill_assessment_submit
from jinji.talent.services.terms import term_appointment_end, term_appointment_reappoint, term_appointment_register
from jinji.talent.services.training import course_create, course_requirement_add, session_create, session_results_record
from jinji.talent.services.wishes import career_wish_submit

__all__ = [
    "ReminderResult",
    "SkillClaim",
    "allowance_rule_create",
    "allowance_rule_end",
    "applicant_hire",
    "applicant_register",
    "applicant_status_set",
    "career_wish_submit",
    "course_create",
    "course_requirement_add",
    "eligibility_rule_add",
    "enrolment_cancel",
    "enrolment_create",
    "mandatory_enrolment_apply",
    "qualification_master_add",
    "qualification_register",
    "qualification_renew",
    "qualification_review",
    "recruitment_category_create",
    "reminders_send",
    "role_tag_designate",
    "role_tag_end",
    "session_create",
    "session_results_record",
    "skill_assessment_decide",
    "skill_assessment_submit",
    "term_appointment_end",
    "term_appointment_reappoint",
    "term_appointment_register",
]
