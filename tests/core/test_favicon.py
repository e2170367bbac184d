"""/favicon.ico answers on every site page (browsers ask for it whatever the page links),
and every page links the icon."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.ico")
    assert "max-age=86400" in response["Cache-Control"]
    path = finders.find("favicon.ico")
    assert path, "static/favicon.ico is missing"
    with open(path, "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file
    assert finders.find("img/favicon.svg")


def test_pages_link_the_icon(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert f'<link rel="icon" href="{static("favicon.ico")}"' in page
    assert f'href="{static("img/favicon.svg")}" type="image/svg+xml"' in page
