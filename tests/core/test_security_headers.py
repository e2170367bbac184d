"""Security headers on every page: Content-Security-Policy without inline script, frame
and referrer rules; and no template carries an inline script that the policy would block."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def policy(response) -> dict:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/verify/", "/programmes/", "/api/docs/"]
)
def test_public_pages_send_a_strict_script_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    rules = policy(response)
    assert rules["script-src"] == ["'self'"]
    assert rules["object-src"] == ["'none'"]
    assert rules["frame-ancestors"] == ["'self'"]
    assert rules["form-action"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_signed_in_pages_carry_the_policy_too(client, trainee):
    client.force_login(trainee)
    response = client.get("/learning/")
    assert "'unsafe-inline'" not in policy(response)["script-src"]


def test_the_wagtail_admin_is_left_out(client, cell_admin):
    client.force_login(cell_admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers


def test_no_template_has_an_inline_script():
    """The policy allows scripts only from files: an inline <script> (or an on* handler)
    added to a template would be silently blocked in the browser."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script\b([^>]*)>", text):
            attributes = match.group(1)
            if "src=" not in attributes and "application/json" not in attributes:
                offenders.append(f"{path.relative_to(TEMPLATES)}: inline <script>")
        if re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{path.relative_to(TEMPLATES)}: on* handler attribute")
    assert offenders == []
