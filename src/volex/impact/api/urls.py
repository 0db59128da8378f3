from django.urls import path

from .views import ReportBreakdownApi, ReportReachApi, ReportSummaryApi

urlpatterns = [
    path("reports/", ReportSummaryApi.as_view(), name="impact-report"),
    path("reports/reach/<str:name>/", ReportReachApi.as_view(), name="impact-report-reach"),
    path("reports/<str:name>/", ReportBreakdownApi.as_view(), name="impact-report-breakdown"),
]
