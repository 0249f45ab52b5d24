from django.urls import URLPattern, URLResolver, path

from jinji.talent.views import hr_people, hr_qualifications, hr_recruitment, hr_search, hr_training, staff, supervisor

app_name = "talent"
urlpatterns: list[URLPattern | URLResolver] = [
    # 職員 (own records)
    path("", staff.home, name="home"),
    path("qualifications/new/", staff.qualification_create, name="qualification_create"),
    path("qualifications/<int:record_id>/renew/", staff.qualification_renew_page, name="qualification_renew"),
    path("qualifications/<int:record_id>/evidence/", staff.qualification_evidence, name="qualification_evidence"),
    path("skills/", staff.skill_self, name="skill_self"),
    path("wishes/", staff.wish_form, name="wish_form"),
    path("training/", staff.session_list, name="session_list"),
    path("training/sessions/<int:session_id>/enrol/", staff.session_enrol, name="session_enrol"),
    path("training/enrolments/<int:enrolment_id>/cancel/", staff.enrolment_cancel_page, name="enrolment_cancel"),
    path("training/enrolments/<int:enrolment_id>/certificate.pdf", staff.certificate, name="certificate"),
    path("staff/<int:employee_id>/", staff.employee_profile, name="employee_profile"),
    # 所属長
    path("skills/confirmations/", supervisor.skill_confirmations, name="skill_confirmations"),
    path("skills/assessments/<int:assessment_id>/decide/", supervisor.skill_decide, name="skill_decide"),
    # 人事担当
    path("hr/", hr_qualifications.hr_home, name="hr_home"),
    path("hr/qualifications/", hr_qualifications.verification_list, name="verification_list"),
    path(
        "hr/qualifications/<int:record_id>/review/",
        hr_qualifications.qualification_review_page,
        name="qualification_review",
    ),
    path("hr/qualifications/master/", hr_qualifications.qualification_master_page, name="qualification_master"),
    path("hr/allowances/", hr_qualifications.allowance_rules, name="allowance_rules"),
    path("hr/search/", hr_search.search, name="search"),
    path("hr/search/export/", hr_search.search_export, name="search_export"),
    path("hr/skill-map/", hr_search.skill_map_page, name="skill_map"),
    path("hr/training/", hr_training.course_list, name="course_list"),
    path("hr/training/courses/<int:course_id>/", hr_training.course_detail, name="course_detail"),
    path("hr/training/sessions/<int:session_id>/", hr_training.session_detail, name="session_detail"),
    path("hr/training/dashboard/", hr_training.training_dashboard, name="training_dashboard"),
    path("hr/roles/", hr_people.role_tags, name="role_tags"),
    path("hr/roles/<int:designation_id>/end/", hr_people.role_tag_end_page, name="role_tag_end"),
    path("hr/wishes/", hr_people.wish_list, name="wish_list"),
    path("hr/terms/", hr_people.term_list, name="term_list"),
    path("hr/terms/<int:term_id>/", hr_people.term_action, name="term_action"),
    path("hr/recruitment/", hr_recruitment.recruitment, name="recruitment"),
    path("hr/recruitment/categories/<int:category_id>/", hr_recruitment.category_detail, name="category_detail"),
    path("hr/recruitment/applicants/new/", hr_recruitment.applicant_create, name="applicant_create"),
    path("hr/recruitment/applicants/<int:applicant_id>/", hr_recruitment.applicant_detail, name="applicant_detail"),
]
