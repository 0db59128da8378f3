from django.urls import path

from . import views

app_name = "assignments"
urlpatterns = [
    path("", views.assignment_list, name="list"),
    path("manage/", views.assignment_manage, name="manage"),
    path("<int:pk>/", views.assignment_detail_view, name="detail"),
]
