"""Shapes of the API's JSON. Serializers only read fields and check input types: every
rule (windows, quotas, transitions, who may act) is in the apps' services."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from certificates.enums import CertificateStatus
from certificates.models import Certificate
from compliance.enums import RoleKind
from courses.models import CoursePage, Enrolment, Programme, ProgrammeSession
from lms.accounts.models import User
from lms.core.enums import Gender, Level
from lms.core.fy import financial_year_label
from lms.departments.models import Department
from nominations.enums import NominationState
from nominations.models import Nomination
from reports.enums import YearCounting

from . import services

EMPLOYEE_CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,31}$"


# ---------------------------------------------------------------- small references
class DepartmentRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name"]


class CourseRefSerializer(serializers.ModelSerializer):
    topic = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    topic_name = serializers.CharField(source="topic.name", read_only=True)

    class Meta:
        model = CoursePage
        fields = ["id", "title", "topic", "topic_name"]


class OfficerRefSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "name", "employee_code", "designation", "level"]

    def get_name(self, officer) -> str:
        return officer.get_full_name() or officer.username


class ProgrammeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["id", "code", "title", "mode", "venue", "starts_on", "ends_on", "status"]


# ---------------------------------------------------------------- programmes
@extend_schema_field(
    {"type": "string", "pattern": r"^\d{2}:\d{2}$", "example": "09:30"},
)
class LocalTimeField(serializers.TimeField):
    """A time of day in the institute's time zone (Asia/Kolkata), as "09:30"."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ProgrammeSessionSerializer(serializers.ModelSerializer):
    starts_at = LocalTimeField(read_only=True)
    ends_at = LocalTimeField(read_only=True)

    class Meta:
        model = ProgrammeSession
        fields = ["date", "starts_at", "ends_at", "topic"]


class ProgrammeSerializer(serializers.ModelSerializer):
    course = CourseRefSerializer(read_only=True)
    target_levels = serializers.ListField(child=serializers.ChoiceField(Level.choices))
    window_open = serializers.SerializerMethodField(
        help_text="Open for nominations now (status open and inside the window)."
    )
    financial_year = serializers.SerializerMethodField(
        help_text="The financial year of the last day, e.g. 2025-26 (as the reports count)."
    )

    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "title",
            "course",
            "mode",
            "venue",
            "capacity",
            "nomination_opens_at",
            "nomination_closes_at",
            "starts_on",
            "ends_on",
            "financial_year",
            "target_levels",
            "status",
            "window_open",
        ]
        read_only_fields = fields

    def get_window_open(self, programme) -> bool:
        return programme.status == "open" and programme.is_window_open()

    def get_financial_year(self, programme) -> str:
        return financial_year_label(programme.ends_on)


class ProgrammeDetailSerializer(ProgrammeSerializer):
    sessions = ProgrammeSessionSerializer(many=True, read_only=True)

    class Meta(ProgrammeSerializer.Meta):
        fields = [
            *ProgrammeSerializer.Meta.fields,
            "min_attendance_percent",
            "requires_online_completion",
            "requires_post_test_pass",
            "min_scorm_score",
            "sessions",
        ]
        read_only_fields = fields


# ---------------------------------------------------------------- nominations
class NominationSerializer(serializers.ModelSerializer):
    programme = ProgrammeRefSerializer(read_only=True)
    officer = OfficerRefSerializer(read_only=True)
    department = DepartmentRefSerializer(read_only=True)
    online_link = serializers.SerializerMethodField(
        help_text="The programme's meeting link, for the officer once they have confirmed."
    )

    class Meta:
        model = Nomination
        fields = [
            "id",
            "programme",
            "officer",
            "department",
            "state",
            "note",
            "reason",
            "substitute_for",
            "created_at",
            "state_changed_at",
            "online_link",
        ]
        read_only_fields = fields

    def get_online_link(self, nomination) -> str | None:
        request = self.context.get("request")
        if (
            request is not None
            and nomination.officer_id == request.user.pk
            and nomination.state == NominationState.CONFIRMED
        ):
            return nomination.programme.online_link or None
        return None


class NominationCreateSerializer(serializers.Serializer):
    programme = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    officer = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        required=False,
        help_text="The officer's id (or give officer_employee_code).",
    )
    officer_employee_code = serializers.CharField(
        max_length=32, required=False, help_text="The officer's employee code (or give officer)."
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if ("officer" in attrs) == ("officer_employee_code" in attrs):
            raise serializers.ValidationError(
                "Give the officer's id (officer) or employee code (officer_employee_code)."
            )
        return attrs


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        [
            (state.value, state.label)
            for state in (
                NominationState.APPROVED,
                NominationState.WAITLISTED,
                NominationState.REJECTED,
            )
        ]
    )
    reason = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when rejecting.",
    )


# ---------------------------------------------------------------- learning
class EnrolmentSerializer(serializers.ModelSerializer):
    course = CourseRefSerializer(read_only=True)
    lessons_total = serializers.IntegerField(source="total_lessons", read_only=True)
    lessons_done = serializers.IntegerField(source="done_lessons", read_only=True)
    completed = serializers.SerializerMethodField()
    percent = serializers.SerializerMethodField()

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "course",
            "source",
            "enrolled_at",
            "last_activity_at",
            "completed_at",
            "lessons_total",
            "lessons_done",
            "percent",
            "completed",
        ]
        read_only_fields = fields

    def get_completed(self, enrolment) -> bool:
        return enrolment.completed_at is not None

    def get_percent(self, enrolment) -> int:
        total = enrolment.total_lessons
        return round(100 * min(enrolment.done_lessons, total) / total) if total else 0


class EnrolSerializer(serializers.Serializer):
    course = serializers.IntegerField(min_value=1, max_value=2**63 - 1)


# ---------------------------------------------------------------- certificates
class CertificateSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "serial",
            "number",
            "holder_name",
            "holder_name_hi",
            "course",
            "course_title",
            "course_title_hi",
            "programme",
            "starts_on",
            "ends_on",
            "hours",
            "grade",
            "issued_on",
            "status",
            "revoked_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, certificate) -> str | None:
        if not certificate.pdf:
            return None
        url = reverse("certificates:download", args=[certificate.serial])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class CertificateVerificationSerializer(serializers.ModelSerializer):
    """Only what the public /verify/ page shows."""

    valid = serializers.SerializerMethodField()
    revoked_on = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "number",
            "holder_name",
            "holder_name_hi",
            "course_title",
            "course_title_hi",
            "starts_on",
            "ends_on",
            "issued_on",
            "status",
            "valid",
            "revoked_on",
        ]
        read_only_fields = fields

    def get_valid(self, certificate) -> bool:
        return certificate.status == CertificateStatus.VALID

    @extend_schema_field(OpenApiTypes.DATE)
    def get_revoked_on(self, certificate):
        # The day in India (TIME_ZONE), not in UTC: a revocation after 18:30 UTC is the next day.
        return timezone.localdate(certificate.revoked_at) if certificate.revoked_at else None


# ---------------------------------------------------------------- reports
class YearRowSerializer(serializers.Serializer):
    year = serializers.CharField(help_text='A financial year such as "2024-25", or "TOTAL".')
    programmes = serializers.IntegerField()
    participants = serializers.IntegerField()
    unique_officers = serializers.IntegerField(
        allow_null=True, help_text="Unknown (null) for imported years."
    )
    imported = serializers.BooleanField(
        help_text="The counted figures include figures imported from earlier records."
    )


class FiguresSerializer(serializers.Serializer):
    programmes = serializers.IntegerField()
    participants = serializers.IntegerField()


class YearSerializer(YearRowSerializer):
    counting = serializers.ChoiceField(
        YearCounting.choices,
        help_text="What the row counts: imported figures, programmes recorded here, or both.",
    )
    overlap = serializers.BooleanField(
        help_text="The year has both imported figures and programmes recorded here."
    )
    imported_figures = FiguresSerializer(allow_null=True)
    computed_figures = FiguresSerializer(allow_null=True)


class YearTotalSerializer(YearRowSerializer):
    unique_years = serializers.IntegerField(
        help_text="Years over which unique officers could be counted (not imported ones)."
    )
    years = serializers.IntegerField()


class YearlyTableSerializer(serializers.Serializer):
    rows = YearSerializer(many=True)
    total = YearTotalSerializer()


class TargetSerializer(serializers.Serializer):
    programmes = serializers.IntegerField()
    officers = serializers.IntegerField()


class FinancialYearSummarySerializer(serializers.Serializer):
    fy = serializers.CharField()
    programmes = serializers.IntegerField(help_text="Programmes completed in the year.")
    planned = serializers.IntegerField(help_text="Programmes ending in the year, not done yet.")
    participants = serializers.IntegerField()
    officers = serializers.IntegerField(help_text="Unique officers who completed.")
    no_show_rate = serializers.FloatField()
    pending_nominations = serializers.IntegerField()
    certificates_issued = serializers.IntegerField()
    target = TargetSerializer(allow_null=True)


class BreakdownRowSerializer(serializers.Serializer):
    key = serializers.SerializerMethodField(help_text="The stored value grouped by (or null).")
    label = serializers.CharField()
    participants = serializers.IntegerField()
    officers = serializers.IntegerField()

    def get_key(self, row) -> str | None:
        return None if row.get("key") is None else str(row["key"])


class BreakdownSerializer(serializers.Serializer):
    by = serializers.CharField()
    title = serializers.CharField()
    rows = BreakdownRowSerializer(many=True)


class CoverageRowSerializer(serializers.Serializer):
    name = serializers.CharField()
    nominated = serializers.IntegerField()
    trained = serializers.IntegerField()


class FinancialYearReportSerializer(serializers.Serializer):
    fy = serializers.CharField()
    summary = FinancialYearSummarySerializer()
    breakdowns = BreakdownSerializer(many=True)
    coverage = CoverageRowSerializer(many=True, help_text="Officers nominated and trained.")


class TrainedRowSerializer(serializers.Serializer):
    year = serializers.CharField()
    level = serializers.CharField(allow_blank=True, allow_null=True)
    level_label = serializers.CharField()
    officers = serializers.IntegerField()


class DepartmentReportSerializer(serializers.Serializer):
    department = DepartmentRefSerializer()
    trained = TrainedRowSerializer(many=True)
    pending = serializers.IntegerField(help_text="Nominations submitted, waitlisted or approved.")
    never_trained = serializers.IntegerField(help_text="Active officers never trained.")


# ---------------------------------------------------------------- officers (HRMS)
class OfficeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class OfficerSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    department = DepartmentRefSerializer(read_only=True, allow_null=True)
    office = OfficeRefSerializer(read_only=True, allow_null=True)
    district = serializers.SlugRelatedField(slug_field="name", read_only=True, allow_null=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "employee_code",
            "name",
            "first_name",
            "last_name",
            "name_hi",
            "email",
            "designation",
            "designation_hi",
            "level",
            "gender",
            "cadre",
            "mobile",
            "department",
            "office",
            "district",
            "is_active",
        ]
        read_only_fields = fields

    def get_name(self, officer) -> str:
        return officer.get_full_name() or officer.username


class RoleHeldPushSerializer(serializers.Serializer):
    """A statutory role the officer holds or held, matched by role and start date."""

    kind = serializers.ChoiceField(RoleKind.choices)
    scope = serializers.CharField(
        max_length=255,
        required=False,
        allow_blank=True,
        default="",
        help_text="The notified services, the appellate level or the office the role is for.",
    )
    from_date = serializers.DateField()
    to_date = serializers.DateField(required=False, allow_null=True, default=None)

    def validate(self, attrs):
        if attrs.get("to_date") and attrs["to_date"] < attrs["from_date"]:
            raise serializers.ValidationError({"to_date": "A role cannot end before it starts."})
        return attrs


class OfficerPushSerializer(serializers.Serializer):
    """One officer as an HRMS sends it. Left-out fields are left as they are."""

    employee_code = serializers.RegexField(
        EMPLOYEE_CODE_PATTERN, max_length=32, help_text="The key: creates or updates by it."
    )
    department = serializers.CharField(max_length=16, help_text="The department's code.")
    first_name = serializers.CharField(
        max_length=150, required=False, allow_blank=True, help_text="Required for a new officer."
    )
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    name_hi = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="The full name in Devanagari, for the Hindi text of certificates.",
    )
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    designation = serializers.CharField(max_length=150, required=False, allow_blank=True)
    designation_hi = serializers.CharField(
        max_length=150,
        required=False,
        allow_blank=True,
        help_text="The designation in Hindi (Devanagari), for the Hindi text of certificates.",
    )
    level = serializers.ChoiceField(Level.choices, required=False, allow_blank=True)
    gender = serializers.ChoiceField(Gender.choices, required=False, allow_blank=True)
    cadre = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text="Service or cadre, e.g. HCS."
    )
    mobile = serializers.CharField(
        max_length=10, required=False, allow_blank=True, help_text="10 digits, from 6-9."
    )
    office = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="The office's name in the department; blank or null for none.",
    )
    district = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="The district's name; blank or null for none.",
    )
    is_active = serializers.BooleanField(required=False)
    roles = RoleHeldPushSerializer(
        many=True,
        required=False,
        help_text=(
            "Statutory roles held (RTS designated officer, appellate authority, GRO, nodal "
            "officer), matched by role and start date: new ones are added, known ones take "
            "the scope and end date sent, roles not sent are kept. Needs the "
            '"change role held" permission besides "push officers".'
        ),
    )


class OfficerPushResultSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="The row's position in the pushed list.")
    employee_code = serializers.CharField(allow_null=True)
    outcome = serializers.ChoiceField(
        [services.CREATED, services.UPDATED, services.UNCHANGED, "error"]
    )
    status = serializers.IntegerField(help_text="201, 200, 400 or 403, as for a single push.")
    id = serializers.IntegerField(allow_null=True)
    detail = serializers.CharField(allow_blank=True)
    errors = serializers.DictField(child=serializers.JSONField())


class OfficerPushReportSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    failed = serializers.IntegerField()
    results = OfficerPushResultSerializer(many=True)


class OfficerPushOutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField([services.CREATED, services.UPDATED, services.UNCHANGED])
    officer = OfficerSerializer()
