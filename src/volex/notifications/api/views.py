from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from volex.notifications import services
from volex.notifications.models import Notification
from volex.notifications.selectors import notification_inbox


class NotificationOutput(serializers.ModelSerializer):
    kind = serializers.CharField(help_text="invited, shortlisted, offered, offer_expiring, ...")

    class Meta:
        model = Notification
        fields = ["id", "kind", "language", "subject", "body", "url", "created_at", "read_at"]


class InboxApi(generics.ListAPIView):
    """The signed-in user's messages, newest first."""

    serializer_class = NotificationOutput
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return notification_inbox(user=self.request.user)


class NotificationReadApi(APIView):
    """Mark one message as read."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=NotificationOutput)
    def post(self, request, pk: int):
        notification = Notification.objects.filter(pk=pk, recipient=request.user).first()
        if notification is None:
            raise Http404
        services.notification_mark_read(notification=notification, user=request.user)
        return Response(NotificationOutput(notification).data)
