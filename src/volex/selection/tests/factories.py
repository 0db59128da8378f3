"""Test data for selection, made through the real services."""

from volex.selection import services


def apply(volunteer, assignment, motivation="I have done this work before."):
    return services.application_apply(
        volunteer=volunteer, assignment=assignment, motivation=motivation
    )


def to_offer(application, by, **offer):
    """Walk an application through shortlist and assessment to an offer."""
    application = services.application_shortlist(application=application, by=by)
    services.application_assess(application=application, by=by, kind="interview", score=80)
    return services.application_offer(application=application, by=by, **offer)
