"""The OpenAPI schema: drf-spectacular's hook (the schema documents the JSON API only, not
Wagtail's internal admin API, which shares Django REST framework) and the response and
request shapes the views declare."""

from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, inline_serializer
from rest_framework import serializers

from . import serializers as api
from .hrms import MAX_PUSH_ROWS


def only_api_endpoints(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


ERROR = inline_serializer("Error", {"detail": serializers.CharField()})
# A refused input: {"detail": "..."} from a service's rule, or {"field": ["..."]} per field.
INVALID = inline_serializer(
    "InvalidInput",
    {
        "detail": serializers.CharField(required=False),
        "non_field_errors": serializers.ListField(child=serializers.CharField(), required=False),
    },
)
R400 = OpenApiResponse(
    INVALID,
    description="Invalid input (messages by field name), or a rule of the service refused it "
    "(detail).",
)
R401 = OpenApiResponse(ERROR, description="Not signed in (no or a wrong token).")
R403 = OpenApiResponse(ERROR, description="Your role may not do this.")
R404 = OpenApiResponse(ERROR, description="No such object within your scope.")
R429 = OpenApiResponse(ERROR, description="Too many look-ups; try again in a minute.")
PRIVATE = {401: R401, 403: R403}

# ---------------------------------------------------------------- the HRMS push
PUSH_REQUEST = PolymorphicProxySerializer(
    component_name="OfficerPushRequest",
    serializers=[api.OfficerPushSerializer, api.OfficerPushSerializer(many=True)],
    resource_type_field_name=None,
    many=False,
)
PUSH_RESPONSES = {
    200: OpenApiResponse(
        PolymorphicProxySerializer(
            component_name="OfficerPushResponse",
            serializers=[api.OfficerPushOutcomeSerializer, api.OfficerPushReportSerializer],
            resource_type_field_name=None,
        ),
        description="One officer: updated or unchanged. A list: the result of every row "
        "(each row is applied or refused on its own).",
    ),
    201: OpenApiResponse(api.OfficerPushOutcomeSerializer, description="Created."),
    400: R400,
    **PRIVATE,
}
PUSH_DESCRIPTION = (
    "Create or update officers by employee code: one object, or a list of at most "
    f"{MAX_PUSH_ROWS}. Idempotent: pushing the same row again changes nothing and answers "
    "200 (`unchanged`); an audit row is written only when something changes. Fields left "
    "out are left as they are. Open to the cell and to accounts with the *push officers* "
    "permission; an account tied to a department pushes only that department's officers. "
    "Accounts holding a role other than trainee are the cell's to edit and are refused."
)
