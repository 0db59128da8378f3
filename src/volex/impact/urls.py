from django.urls import path

from . import report_views, views

app_name = "impact"
urlpatterns = [
    path("wages/", views.wage_list, name="wage-list"),
    path("wages/import/", views.wage_import, name="wage-import"),
    path("wages/imports/<int:pk>/", views.wage_import_detail, name="wage-import-detail"),
    path("reports/", report_views.report_dashboard, name="reports"),
    path("reports/export/<str:fmt>/", report_views.report_export, name="report-export"),
]
