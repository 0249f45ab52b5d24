"""Models of the talent app (人材育成・確保)."""

from jinji.talent.models.allowance import QualificationAllowanceRule
from jinji.talent.models.catalogue import CatalogueManager, CatalogueModel, visible_to_q
from jinji.talent.models.notices import NoticeAudience, NoticeKind, TalentNotice
from jinji.talent.models.qualifications import (
    EmployeeQualification,
    Qualification,
    QualificationCategory,
    QualificationStatus,
)
from jinji.talent.models.recruitment import (
    Applicant,
    ApplicantStatus,
    EligibilityRule,
    RecruitmentCategory,
    RuleKind,
    TermAppointment,
    TermKind,
    TermStatus,
)
from jinji.talent.models.roles import CDO, DX_PROMOTER, SMART_REFORM_SPECIALIST, RoleTag, RoleTagAssignment
from jinji.talent.models.skillmap import SkillMapCell, SkillMapStaff, SkillMapState
from jinji.talent.models.skills import (
    MAX_LEVEL,
    MIN_LEVEL,
    AssessmentStatus,
    EmployeeSkill,
    SkillArea,
    SkillAssessment,
    SkillLevel,
)
from jinji.talent.models.training import (
    ACTIVE_ENROLMENT_STATUSES,
    Course,
    CourseKind,
    CourseRequirement,
    Enrolment,
    EnrolmentOrigin,
    EnrolmentStatus,
    TrainingSession,
)
from jinji.talent.models.wishes import CareerIntention, CareerWish, TransferWish

__all__ = [
    "ACTIVE_ENROLMENT_STATUSES",
    "CDO",
    "DX_PROMOTER",
    "MAX_LEVEL",
    "MIN_LEVEL",
    "SMART_REFORM_SPECIALIST",
    "Applicant",
    "ApplicantStatus",
    "AssessmentStatus",
    "CareerIntention",
    "CareerWish",
    "CatalogueManager",
    "CatalogueModel",
    "Course",
    "CourseKind",
    "CourseRequirement",
    "EligibilityRule",
    "EmployeeQualification",
    "EmployeeSkill",
    "Enrolment",
    "EnrolmentOrigin",
    "EnrolmentStatus",
    "NoticeAudience",
    "NoticeKind",
    "Qualification",
    "QualificationAllowanceRule",
    "QualificationCategory",
    "QualificationStatus",
    "RecruitmentCategory",
    "RoleTag",
    "RoleTagAssignment",
    "RuleKind",
    "SkillArea",
    "SkillAssessment",
    "SkillLevel",
    "SkillMapCell",
    "SkillMapStaff",
    "SkillMapState",
    "TalentNotice",
    "TermAppointment",
    "TermKind",
    "TermStatus",
    "TrainingSession",
    "TransferWish",
    "visible_to_q",
]
