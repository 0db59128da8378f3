"""What other apps learn when a volunteer's facts change, without this app knowing who listens.

`profile_changed` is sent inside the transaction of the change, with ``volunteer_id``: the profile
itself, or a fact about the volunteer kept elsewhere (a commitment to an assignment, a service).
The matching engine listens and re-encodes the profile once the transaction commits.
"""

from django.dispatch import Signal

profile_changed = Signal()


def announce_profile_changed(volunteer_id: int) -> None:
    profile_changed.send(sender=None, volunteer_id=volunteer_id)
