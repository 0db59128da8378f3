from django.utils.functional import SimpleLazyObject

from volex.organizations.roles import is_administrator, staff_organization_ids


def roles(request):
    """What the navigation needs to know about the user, computed only if a template asks."""
    user = request.user
    return {
        "can_manage_assignments": SimpleLazyObject(
            lambda: is_administrator(user) or bool(staff_organization_ids(user))
        ),
    }
