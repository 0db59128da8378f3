"""At a phone's width (360 CSS pixels) no page of a role's daily work scrolls sideways: wide
tables scroll inside their own box, filters wrap, and the menu folds into one line."""

import pytest
from django.urls import reverse

from volex.accounts.tests.factories import PASSWORD
from volex.site.tests.test_url_matrix import scene  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 800}

# The outermost elements that reach past the screen's edge, to say what to fix when one does.
OFFENDERS = """(limit) => {
  const out = [];
  const walk = (el) => {
    const box = el.getBoundingClientRect();
    if (box.right > limit + 0.5 && getComputedStyle(el).overflowX === 'visible') {
      const wide = [...el.children].filter((c) => c.getBoundingClientRect().right > limit + 0.5);
      if (!wide.length) {
        out.push(`${el.tagName.toLowerCase()}.${el.className}#${el.id} ${Math.round(box.right)}`);
        return;
      }
      wide.forEach(walk);
    } else if (getComputedStyle(el).overflowX === 'visible') {
      [...el.children].forEach(walk);
    }
  };
  walk(document.body);
  return out.slice(0, 6);
}"""


def _pages(s, role):
    published = {"pk": s.world.published.pk}
    common = [
        ("site:home", {}),
        ("assignments:list", {}),
        ("assignments:detail", published),
        ("organizations:detail", {"slug": s.world.own_org.slug}),
        ("notifications:inbox", {}),
    ]
    if role == "volunteer":
        return [
            *common,
            ("volunteers:me", {}),
            ("matching:for-me", {}),
            ("selection:mine", {}),
            ("deployments:mine", {}),
            ("deployments:detail", {"pk": s.deployment.pk}),
        ]
    pages = [
        *common,
        ("assignments:manage", {}),
        ("matching:candidates", published),
        ("selection:pipeline", published),
        ("selection:application", {"pk": s.application.pk}),
        ("impact:reports", {}),
        ("deployments:board", {}),
        ("deployments:team", {}),
        ("deployments:detail", {"pk": s.deployment.pk}),
    ]
    if role == "manager":
        pages.append(("volunteers:detail", {"pk": s.world.volunteer.pk}))
    return pages


def _login(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail address").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.parametrize("role", ["manager", "supervisor_own", "volunteer"])
def test_no_page_scrolls_sideways_on_a_phone(live_server, phone, scene, role):  # noqa: F811
    _login(phone, live_server.url, scene.world.users[role])
    too_wide = {}
    for route, kwargs in _pages(scene, role):
        response = phone.goto(live_server.url + reverse(route, kwargs=kwargs))
        assert response.status == 200, route
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[route] = (width, phone.evaluate(OFFENDERS, PHONE["width"]))
    assert too_wide == {}, "\n".join(f"{r}: {w}" for r, w in too_wide.items())


def test_the_menu_takes_one_line_on_a_phone_and_opens_without_javascript(
    live_server,
    browser,
    scene,  # noqa: F811
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    phone = context.new_page()
    try:
        _login(phone, live_server.url, scene.world.users["manager"])
        phone.goto(live_server.url + "/")
        header = phone.locator("header.site").bounding_box()
        assert header["height"] <= 800 / 6, header  # was a third of the screen
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # The menu is one row that scrolls sideways: a link past the edge is reached by scrolling
        # the row (Playwright scrolls it into view as a finger would), with no script.
        phone.get_by_role("link", name="Reports").click()
        phone.wait_for_url("**/impact/reports/**")
    finally:
        context.close()
