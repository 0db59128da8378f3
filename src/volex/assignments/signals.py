"""What other apps learn when an assignment changes, without this app knowing who listens.

`assignment_changed` is sent inside the transaction of the change, with ``assignment_id``. The
matching engine listens and re-encodes the assignment (and stamps its new state) on commit.
"""

from django.dispatch import Signal

assignment_changed = Signal()


def announce_assignment_changed(assignment_id: int) -> None:
    assignment_changed.send(sender=None, assignment_id=assignment_id)
