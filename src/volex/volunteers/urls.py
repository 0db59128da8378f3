from django.urls import path

from . import views

app_name = "volunteers"
urlpatterns = [
    path("me/", views.my_profile, name="me"),
    path("me/edit/", views.edit_profile, name="edit"),
    path("<int:pk>/", views.volunteer_detail, name="detail"),
]
