from django.urls import path

from . import views

app_name = "assignments"
urlpatterns = [
    path("", views.assignment_list, name="list"),
    path("manage/", views.assignment_manage, name="manage"),
    path("new/", views.assignment_create_view, name="create"),
    path("occupations/", views.occupation_options, name="occupation-options"),
    path("<int:pk>/", views.assignment_detail_view, name="detail"),
    path("<int:pk>/edit/", views.assignment_edit_view, name="edit"),
    path("<int:pk>/duplicate/", views.assignment_duplicate_view, name="duplicate"),
    path("<int:pk>/submit/", views.assignment_submit_view, name="submit"),
    path(
        "<int:pk>/approve/",
        views.assignment_review_view,
        {"decision": "approve"},
        name="approve",
    ),
    path(
        "<int:pk>/return/",
        views.assignment_review_view,
        {"decision": "return"},
        name="return",
    ),
]
