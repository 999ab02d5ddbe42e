from django.urls import path

from .views import appeals, detail, letters, lists

app_name = "cases"

urlpatterns = [
    path("", lists.case_queue, name="queue"),
    path("mine/", lists.my_cases, name="mine"),
    path("assign/", lists.case_bulk_assign, name="bulk_assign"),
    path("new/", detail.case_register_view, name="register"),
    path("<int:pk>/", detail.case_detail, name="detail"),
    path("<int:pk>/do/<str:action>/", detail.case_action, name="action"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        detail.attachment_download,
        name="attachment",
    ),
    path(
        "<int:pk>/letters/<str:kind>/draft/", letters.letter_draft, name="letter_draft"
    ),
    path("<int:pk>/letters/<str:kind>/edit/", letters.letter_edit, name="letter_edit"),
    path(
        "<int:pk>/letters/<str:kind>/finalise/",
        letters.letter_finalise,
        name="letter_finalise",
    ),
    path(
        "<int:pk>/letters/<int:letter_pk>/<str:fmt>/",
        letters.letter_download,
        name="letter_download",
    ),
    path("appeals/", appeals.appeal_list, name="appeal_list"),
    path("appeals/new/", appeals.appeal_create, name="appeal_create"),
    path("appeals/<int:pk>/decide/", appeals.appeal_decide_view, name="appeal_decide"),
]
