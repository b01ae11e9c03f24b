from django.urls import path

from nutag.workspace import catalogue_views, request_views, views

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    path("queue/", request_views.queue, name="queue"),
    path("requests/<int:pk>/", request_views.request_screen, name="request"),
    path("requests/<int:pk>/payment/", request_views.record_payment, name="request-payment"),
    path("work/<int:pk>/", request_views.work_action, name="work-action"),
    path("work/<int:pk>/documents/", request_views.ask_for_documents, name="work-ask-documents"),
    path("work/<int:pk>/consult/", request_views.ask_office, name="work-ask-office"),
    path("consultations/", request_views.consultations, name="consultations"),
    path("consultations/<int:pk>/", request_views.consultation, name="consultation"),
    path(
        "consultations/<int:pk>/withdraw/", request_views.consultation_withdraw, name="consultation-withdraw"
    ),
    path(
        "consultations/<int:pk>/documents/<int:document_pk>/",
        request_views.consultation_document,
        name="consultation-document",
    ),
    path(
        "consultations/<int:pk>/answer-file/",
        request_views.consultation_answer_file,
        name="consultation-file",
    ),
    path("assist/", request_views.assist, name="assist"),
    path("overdue/", request_views.overdue, name="overdue"),
    path("catalogue/", catalogue_views.service_list, name="catalogue"),
    path("catalogue/<str:code>/", catalogue_views.service_detail, name="catalogue-service"),
    path("catalogue/<str:code>/compare/", catalogue_views.version_compare, name="catalogue-compare"),
    path(
        "catalogue/<str:code>/v<int:number>/edit/",
        catalogue_views.version_edit,
        name="catalogue-version-edit",
    ),
    path(
        "catalogue/<str:code>/<str:action>/", catalogue_views.version_action, name="catalogue-version-action"
    ),
    path("catalogue/<str:code>/adopt/new/", catalogue_views.adoption_create, name="adoption-create"),
    path("adoptions/", catalogue_views.adoption_list, name="adoptions"),
    path("adoptions/<int:pk>/", catalogue_views.adoption_detail, name="adoption-detail"),
    path("adoptions/<int:pk>/action/", catalogue_views.adoption_action, name="adoption-action"),
]
