"""Test data for deployments, made through the real services."""

from datetime import date, timedelta

from volex.selection import services as selection

from .. import services


def ready(volunteer, assignment, by):
    """Walk an application through selection and onboarding to 'ready'."""
    application = selection.application_apply(volunteer=volunteer, assignment=assignment)
    application = selection.application_shortlist(application=application, by=by)
    selection.application_assess(application=application, by=by, kind="interview", score=80)
    application = selection.application_offer(application=application, by=by)
    selection.application_accept(application=application, by=volunteer.user)
    for item in selection.checklist_for(assignment):
        selection.onboarding_item_update(application=application, item=item, status="done", by=by)
    application.refresh_from_db()
    return application


def deploy(volunteer, assignment, by, days_ago: int = 42):
    application = ready(volunteer, assignment, by)
    return services.deployment_start(
        application=application, by=by, start_date=date.today() - timedelta(days=days_ago)
    )
