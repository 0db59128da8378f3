from django.urls import path

from . import views

urlpatterns = [
    path("", views.DeploymentListApi.as_view(), name="deployment-list"),
    path("board/", views.BoardApi.as_view(), name="deployment-board"),
    path("<int:pk>/", views.DeploymentDetailApi.as_view(), name="deployment-detail"),
    path("<int:pk>/hours/", views.HourListCreateApi.as_view(), name="deployment-hours"),
    path("<int:pk>/check-ins/", views.CheckInListCreateApi.as_view(), name="deployment-checkins"),
    path("<int:pk>/flags/", views.FlagListApi.as_view(), name="deployment-flags"),
    path("<int:pk>/results/", views.ResultCreateApi.as_view(), name="deployment-results"),
    path("hours/<int:pk>/approve/", views.HourApproveApi.as_view(), name="hours-approve"),
    path("hours/<int:pk>/reject/", views.HourRejectApi.as_view(), name="hours-reject"),
]
