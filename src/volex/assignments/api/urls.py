"""Routes of the assignment workflow, included by volex.api.urls under /api/assignments/."""

from django.urls import path

from . import workflow

urlpatterns = [
    path("manage/", workflow.AssignmentManageListApi.as_view(), name="assignment-manage"),
    path("create/", workflow.AssignmentCreateApi.as_view(), name="assignment-create"),
    path("<int:pk>/update/", workflow.AssignmentUpdateApi.as_view(), name="assignment-update"),
    path(
        "<int:pk>/duplicate/",
        workflow.AssignmentDuplicateApi.as_view(),
        name="assignment-duplicate",
    ),
    path("<int:pk>/submit/", workflow.AssignmentSubmitApi.as_view(), name="assignment-submit"),
    path("<int:pk>/approve/", workflow.AssignmentApproveApi.as_view(), name="assignment-approve"),
    path("<int:pk>/return/", workflow.AssignmentReturnApi.as_view(), name="assignment-return"),
    path("<int:pk>/history/", workflow.AssignmentHistoryApi.as_view(), name="assignment-history"),
]
