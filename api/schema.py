"""drf-spectacular hooks: the schema documents the JSON API only (not Wagtail's internal
admin API, which shares Django REST framework)."""


def only_api_endpoints(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
