from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("assignments/<int:pk>/candidates/", views.assignment_candidates, name="candidates"),
    path("for-me/", views.matches_for_me, name="for-me"),
]
