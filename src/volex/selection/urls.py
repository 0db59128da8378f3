from django.urls import path

from . import views

app_name = "selection"
urlpatterns = [
    path("mine/", views.my_applications, name="mine"),
    path("assignments/<int:pk>/", views.pipeline, name="pipeline"),
    path("assignments/<int:pk>/apply/", views.apply, name="apply"),
    path("assignments/<int:pk>/invite/", views.invite, name="invite"),
    path("applications/<int:pk>/", views.application_page, name="application"),
    path(
        "applications/<int:pk>/<slug:action>/",
        views.application_action,
        name="action",
    ),
]
