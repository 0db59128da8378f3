"""Who may see and import wage tables: programme managers and administrators."""

from volex.organizations.roles import is_administrator, is_programme_manager


def can_manage_wage_tables(user) -> bool:
    return is_administrator(user) or is_programme_manager(user)
