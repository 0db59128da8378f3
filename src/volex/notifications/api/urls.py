from django.urls import path

from . import views

urlpatterns = [
    path("", views.InboxApi.as_view(), name="inbox"),
    path("<int:pk>/read/", views.NotificationReadApi.as_view(), name="notification-read"),
]
