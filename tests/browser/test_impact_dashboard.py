"""The contribution dashboard in Chromium: a programme manager opens it, the SDG chart and its
table agree bar for bar, the page works without JavaScript, and every export downloads."""

from decimal import Decimal
from pathlib import Path

import pytest

from volex.accounts.tests.factories import PASSWORD
from volex.impact.tests.factories import WageRateFactory
from volex.impact.tests.reporting import programme
from volex.organizations.tests.factories import MembershipFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _login(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail address").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_manager_reads_the_dashboard_and_downloads_every_export(live_server, page):
    data = programme()
    WageRateFactory(country_id="KE", isco_group_id="2221", hourly_wage=Decimal("27.20"))
    manager = MembershipFactory(organization=data.host, role="programme_manager").user
    _login(page, live_server.url, manager)
    page.get_by_role("link", name="Reports").click()
    page.get_by_label("Report on").select_option("programme")
    page.get_by_label("Programme or organization").select_option(str(data.host.pk))
    page.get_by_label("From").fill("2024-01-01")
    page.get_by_label("To").fill("2024-12-31")
    page.get_by_role("button", name="Show the report").click()
    page.wait_for_load_state()
    assert page.locator("#stat-hours").inner_text() == "2,180.00"

    # the SDG chart and its table show the same items and values, in the same order
    bars = page.locator('svg[data-chart="sdg"] g.bar')
    chart = [(b.get_attribute("data-key"), b.get_attribute("data-value")) for b in bars.all()]
    rows = page.locator("#table-sdg tbody tr")
    table = [
        (r.get_attribute("data-key"), r.locator("td").get_attribute("data-value"))
        for r in rows.all()
    ]
    assert chart == table == [("3", "100.00"), ("4", "2080.00")]
    timeline = page.locator('svg[data-chart="timeline"] g.bar')
    assert timeline.count() == 12 == page.locator("#table-timeline tbody tr").count()

    for name, suffix in [
        ("CSV", ".csv"),
        ("Excel (XLSX)", ".xlsx"),
        ("PDF", ".pdf"),
        ("Who does what where (HXL CSV)", ".3w.csv"),
        ("IATI 2.03 activity (XML)", ".iati.xml"),
    ]:
        with page.expect_download() as info:
            page.get_by_role("link", name=name, exact=True).click()
        download = info.value
        assert download.suggested_filename.endswith(suffix), download.suggested_filename
        content = Path(download.path()).read_bytes()
        assert content, name
        if suffix == ".pdf":
            assert content.startswith(b"%PDF")
        if suffix == ".csv":
            assert b"2180.00" in content


def test_dashboard_works_without_javascript(live_server, browser):
    data = programme()
    manager = MembershipFactory(organization=data.host, role="programme_manager").user
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        _login(page, live_server.url, manager)
        page.goto(
            f"{live_server.url}/impact/reports/?kind=programme&organization={data.host.pk}"
            "&start=2024-01-01&end=2024-12-31"
        )
        assert page.locator('svg[data-chart="country"] g.bar').count() == 1
        assert page.locator("#table-country tbody tr").inner_text().startswith("Kenya")
    finally:
        context.close()
