"""Who may see a volunteer's profile, and which personal data in it.

Personal data (date of birth, gender, nationalities, heritage, residence) is shown only to the
volunteer, to programme managers (eligibility, duty of care) and to administrators. Host
supervisors never see it through these pages.
"""

from volex.organizations.roles import is_administrator, is_programme_manager

PERSONAL_FIELDS = (
    "birth_date",
    "gender",
    "nationalities",
    "heritage_countries",
    "residence_country",
)


def can_view_volunteer(user, volunteer) -> bool:
    if not user.is_authenticated:
        return False
    if volunteer.user_id == user.pk or is_administrator(user):
        return True
    # A programme manager sees the talent pool: volunteers who agreed to be matched.
    return is_programme_manager(user) and volunteer.consent_to_matching


def can_see_personal_data(user, volunteer) -> bool:
    if not user.is_authenticated:
        return False
    return volunteer.user_id == user.pk or is_administrator(user) or is_programme_manager(user)
