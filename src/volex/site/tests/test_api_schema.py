"""The OpenAPI schema of the whole API generates without a warning and validates: no two
components share a name, every choice set has one name."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_api_schema_has_no_warnings_and_validates(tmp_path):
    target = tmp_path / "schema.yml"
    # --fail-on-warn raises on the first run that warns; --validate checks it against OpenAPI 3.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    assert "openapi: 3" in text and "/api/assignments/" in text
