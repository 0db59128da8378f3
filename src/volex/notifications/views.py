from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from volex.core.pagination import paginate, querystring_without_page

from . import services
from .models import Notification
from .selectors import notification_inbox


@login_required
def inbox(request):
    page = paginate(request, notification_inbox(user=request.user), per_page=50)
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "querystring": querystring_without_page(request)},
    )


@login_required
@require_POST
def open_notification(request, pk: int):
    notification = Notification.objects.filter(pk=pk, recipient=request.user).first()
    if notification is None:
        raise Http404
    services.notification_mark_read(notification=notification, user=request.user)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    services.notification_mark_all_read(user=request.user)
    return redirect("notifications:inbox")
