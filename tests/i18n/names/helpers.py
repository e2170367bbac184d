"""The names of the Hindi-name tests, in English and in Hindi, and a page in a language."""

from django.conf import settings

REVENUE = ("Revenue and Disaster Management", "राजस्व एवं आपदा प्रबंधन")
PLANNING = "Town and Country Planning"  # no Hindi name entered
POST = ("Naib Tehsildar", "नायब तहसीलदार")
OFFICE = ("Tehsil Office, Hisar", "तहसील कार्यालय, हिसार")
DISTRICT = ("Hisar", "हिसार")
TOPIC = ("Right to Service", "सेवा का अधिकार")
BARE_TOPIC = "IS 15700 certification"  # no Hindi name entered


def page(client, url, language="hi") -> str:
    """The page in ``language``, as the switcher leaves it (the cookie wins over the
    signed-in officer's preferred language)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    return body


def shown(body, hindi, english):
    assert hindi in body
    assert english not in body
