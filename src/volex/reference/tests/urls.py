"""A URLconf with only the admin, for the reference app's admin tests."""

from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/", admin.site.urls)]
