from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "volex.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        # The apps below matching announce changes; matching re-encodes what changed on commit.
        from volex.assignments.signals import assignment_changed
        from volex.volunteers.signals import profile_changed

        from .tasks import enqueue_assignment_reencode, enqueue_profile_reencode

        def _profile(sender, *, volunteer_id: int, **kwargs) -> None:
            enqueue_profile_reencode(volunteer_id)

        def _assignment(sender, *, assignment_id: int, **kwargs) -> None:
            enqueue_assignment_reencode(assignment_id)

        profile_changed.connect(_profile, weak=False, dispatch_uid="matching.profile_reencode")
        assignment_changed.connect(
            _assignment, weak=False, dispatch_uid="matching.assignment_reencode"
        )
