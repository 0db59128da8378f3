from django.urls import path

from . import views

app_name = "impact"
urlpatterns = [
    path("wages/", views.wage_list, name="wage-list"),
    path("wages/import/", views.wage_import, name="wage-import"),
    path("wages/imports/<int:pk>/", views.wage_import_detail, name="wage-import-detail"),
]
