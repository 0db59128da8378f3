"""One error format for the whole API:

{"error": {"code": "invalid", "message": "...", "fields": {"end_date": [{"code": ..., "message": ...}]}}}

A refusal from a service (a Django `ValidationError` or `PermissionDenied`) keeps the service's
code and message; a serializer's field errors get the generic "invalid".
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _field_errors(detail) -> dict:
    if isinstance(detail, dict):
        return {
            field: [
                {"code": getattr(item, "code", "invalid"), "message": str(item)}
                for item in (errors if isinstance(errors, list) else [errors])
            ]
            for field, errors in detail.items()
        }
    return {
        "non_field_errors": [
            {"code": getattr(item, "code", "invalid"), "message": str(item)} for item in detail
        ]
    }


def _from_django_validation(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            field: [{"code": e.code or "invalid", "message": " ".join(e.messages)} for e in errors]
            for field, errors in error.error_dict.items()
        }
    return {
        "non_field_errors": [
            {"code": e.code or "invalid", "message": " ".join(e.messages)} for e in error.error_list
        ]
    }


def _refusal(error: DjangoValidationError) -> dict:
    """A service's refusal in its own words: its code (when all its errors share one) and its
    messages at the top, every error by field below."""
    fields = _from_django_validation(error)
    items = [item for errors in fields.values() for item in errors]
    codes = {item["code"] for item in items}
    return {
        "code": codes.pop() if len(codes) == 1 else "invalid",
        "message": " ".join(item["message"] for item in items)
        or _("The request has invalid fields."),
        "fields": fields,
    }


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        return Response({"error": _refusal(exc)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        # A service that says why it refuses keeps its words; a bare refusal gets DRF's.
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = {
            "code": "invalid",
            "message": _("The request has invalid fields."),
            "fields": _field_errors(exc.detail),
        }
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        body = {"code": getattr(detail, "code", "error"), "message": str(detail)}
    response.data = {"error": body}
    return response
