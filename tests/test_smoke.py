import pytest

from courses.models import CatalogueIndexPage, HomePage
from tests.factories import build_course


@pytest.mark.django_db
def test_site_tree_exists_after_migrate(client):
    assert HomePage.objects.count() == 1
    assert CatalogueIndexPage.objects.count() == 1
    course = build_course(title="Citizen's Charter")
    response = client.get("/courses/")
    assert response.status_code == 200
    assert "Citizen&#x27;s Charter" in response.content.decode()
    assert client.get(course.url).status_code == 200
