from django.urls import path

from nutag.academy import survey_views, views

app_name = "academy"
urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/new/", views.programme_new, name="programme-new"),
    path("programmes/<slug:code>/", views.programme_detail, name="programme"),
    path("programmes/<slug:code>/edit/", views.programme_edit, name="programme-edit"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_new, name="plan-new"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan-edit"),
    path("sessions/new/", views.session_new, name="session-new"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session-cancel"),
    path("sessions/<int:pk>/register/", views.session_register, name="session-register"),
    path("participants/<int:pk>/", views.participant_action, name="participant-action"),
    path("certificates/<str:code>/", views.certificate_verify, name="certificate"),
    path("certificates/<str:code>/pdf/", views.certificate_download, name="certificate-pdf"),
    path("readiness/", views.readiness_index, name="readiness"),
    path("readiness/<str:code>/", views.readiness_aimag, name="readiness-aimag"),
    path("readiness/<str:code>/needs-training.csv", views.readiness_csv, name="readiness-csv"),
    path("ratings/new/<int:request_pk>/", views.rating_new, name="rating-new"),
    path("surveys/", survey_views.survey_list, name="surveys"),
    path("surveys/new/", survey_views.survey_new, name="survey-new"),
    path("surveys/<int:pk>/", survey_views.survey_edit, name="survey-edit"),
    path("surveys/<int:pk>/answer/", survey_views.survey_answer, name="survey-answer"),
    path("surveys/<int:pk>/results/", survey_views.survey_results_page, name="survey-results"),
    path("surveys/<int:pk>/results.<str:fmt>", survey_views.survey_export, name="survey-export"),
    path("surveys/<int:pk>/texts/", survey_views.survey_texts, name="survey-texts"),
]
