from django.urls import path

from . import views

app_name = "deployments"
urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("team/", views.team, name="team"),
    path("board/", views.board, name="board"),
    path("roll-calls/start/", views.roll_call_start, name="roll-call-start"),
    path("roll-call/<str:token>/", views.roll_call_answer, name="roll-call-answer"),
    path("start/<int:application_pk>/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/hours/", views.log_hours, name="log-hours"),
    path("<int:pk>/check-in/", views.check_in, name="check-in"),
    path("<int:pk>/results/", views.add_result, name="add-result"),
    path("<int:pk>/extend/", views.extend, name="extend"),
    path("<int:pk>/end-early/", views.end_early, name="end-early"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("hours/<int:pk>/approve/", views.approve_hours, name="approve-hours"),
    path("hours/<int:pk>/reject/", views.reject_hours, name="reject-hours"),
    path("flags/<int:pk>/follow-up/", views.follow_up, name="follow-up"),
]
