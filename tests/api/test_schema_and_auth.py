"""The OpenAPI schema (valid, no warnings), the Swagger UI served from the installed
package, token and session authentication (CSRF enforced)."""

import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_schema_generates_without_warnings_or_errors(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(target), stdout=out, stderr=err
    )
    assert "Warning" not in err.getvalue() and "Error" not in err.getvalue(), err.getvalue()
    text = target.read_text()
    assert "/api/officers/" in text and "/api/nominations/{id}/decide/" in text
    assert "/admin/api/" not in text  # Wagtail's internal admin API is not documented


def test_schema_endpoint_is_public_json():
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])


def test_swagger_ui_is_served_from_the_installed_package():
    page = APIClient().get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, html
    assert all(not src.startswith(("http:", "https:", "//")) for src in sources), sources
    assert any("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in s for s in sources)
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    # The start-up script is a separate file (no inline script, for a strict CSP).
    assert "<script>" not in html
    script = APIClient().get("/api/docs/", {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


def test_wrong_or_inactive_token_is_401(cell_admin):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get("/api/nominations/").status_code == 401
    # Even on a public endpoint, a wrong token is refused rather than ignored.
    assert client.get("/api/programmes/").status_code == 401
    token = Token.objects.create(user=cell_admin)
    cell_admin.is_active = False
    cell_admin.save()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/nominations/").status_code == 401


def test_anonymous_is_told_how_to_authenticate():
    response = APIClient().get("/api/nominations/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_session_authentication_enforces_csrf(world, cell_admin):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(cell_admin)  # a signed-in browser session
    assert client.get("/api/nominations/").status_code == 200  # reads need no token
    url = f"/api/nominations/{world.nomination_a.pk}/decide/"
    refused = client.post(url, {"decision": "waitlisted"}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    page = client.get("/api/nominations/", HTTP_ACCEPT="text/html")  # the browsable API
    assert page.status_code == 200 and b"csrfToken" in page.content
    token = client.cookies["csrftoken"].value
    accepted = client.post(url, {"decision": "waitlisted"}, format="json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200
    assert accepted.json()["state"] == "waitlisted"


def test_token_requests_need_no_csrf(world, cell_admin):
    client = client_for(cell_admin)
    client.handler.enforce_csrf_checks = True
    url = f"/api/nominations/{world.nomination_a.pk}/decide/"
    assert client.post(url, {"decision": "waitlisted"}, format="json").status_code == 200


def test_wagtail_admin_api_still_works(client, cell_admin):
    """The REST framework defaults set for the API leave Wagtail's own admin API alone."""
    client.force_login(cell_admin)
    response = client.get("/admin/api/main/pages/")
    assert response.status_code == 200
    assert "items" in response.json()


def test_tokens_in_the_django_admin(client, cell_admin, trainee):
    from lms.accounts.models import User

    root = User.objects.create_superuser("root", "root@example.gov.in", "x" * 12)
    client.force_login(root)
    assert client.get("/django-admin/authtoken/tokenproxy/add/").status_code == 200
    response = client.post(
        "/django-admin/authtoken/tokenproxy/add/", {"user": trainee.pk}, follow=True
    )
    token = Token.objects.get(user=trainee)
    assert token.key in response.content.decode()  # shown once, to hand to the integration
    listing = client.get("/django-admin/authtoken/tokenproxy/")
    assert listing.status_code == 200
    assert str(trainee) in listing.content.decode()


def test_push_permission_can_be_granted_to_a_group_in_wagtail(client, cell_admin):
    from django.contrib.auth.models import Group

    from lms.accounts.models import User

    root = User.objects.create_superuser("root", "root@example.gov.in", "x" * 12)
    client.force_login(root)
    group = Group.objects.get(name="Cell administrators")
    page = client.get(f"/admin/groups/edit/{group.pk}/")
    assert page.status_code == 200
    assert "push officers from a departmental HRMS" in page.content.decode()
