from django.utils.functional import SimpleLazyObject

from volex.deployments.permissions import can_view_board
from volex.impact.permissions import can_manage_wage_tables


def navigation(request):
    """Which pages of the apps above organizations the header may link to, each answered by the
    app's own permission rule, and computed only if a template asks."""
    user = request.user
    return {
        "can_manage_wage_tables": SimpleLazyObject(lambda: can_manage_wage_tables(user)),
        "can_view_board": SimpleLazyObject(lambda: can_view_board(user)),
    }
