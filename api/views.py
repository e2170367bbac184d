"""The JSON API. Views check the role (403), fetch through the scoped selectors (404 outside
the scope), call the apps' services for every write and serialize the result; the
services' domain errors become 400 in ``api.exceptions``.

Roles and scope are those of the HTML pages:
- programmes: the public calendar's for everyone, every programme for the cell;
- nominations: an HOD nominates officers of their own department and sees its
  nominations; an officer sees and answers their own; the cell sees all and decides;
- enrolments and certificates: one's own; certificate verification is public and shares
  the /verify/ page's rate limit;
- reports: the cell; an HOD gets their department's dashboard;
- officers: listed by the cell, HODs (own department) and HRMS accounts; pushed by the
  cell or an account with the "push officers" permission (own department if it has one).
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from certificates.models import Certificate
from courses import selectors as course_selectors
from courses import services as course_services
from courses.models import CoursePage, Enrolment
from lms.accounts.models import User
from lms.core.fy import parse_financial_year
from nominations import services as nomination_services
from nominations.models import Nomination
from reports import selectors as report_selectors

from . import filters, hrms, permissions, selectors
from . import serializers as api
from .schema import (
    PRIVATE,
    PUSH_DESCRIPTION,
    PUSH_REQUEST,
    PUSH_RESPONSES,
    R400,
    R401,
    R404,
    R429,
)
from .throttling import VerifyRateThrottle


def _fake(view) -> bool:
    """True while drf-spectacular builds the schema (no real user)."""
    return getattr(view, "swagger_fake_view", False)


# ---------------------------------------------------------------- programmes
@extend_schema_view(
    list=extend_schema(
        summary="Programmes",
        description="The public calendar's programmes (open for nominations, closed or "
        "running), soonest first; the cell sees every programme, newest first.",
    ),
    retrieve=extend_schema(
        summary="One programme, with its session days",
        responses={200: api.ProgrammeDetailSerializer, 404: R404},
    ),
)
class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    lookup_value_regex = r"\d+"
    serializer_class = api.ProgrammeSerializer
    filterset_class = filters.ProgrammeFilter

    def get_queryset(self):
        programmes = selectors.programmes_for(user=self.request.user)
        if self.action == "retrieve":
            programmes = programmes.prefetch_related("sessions")
        return programmes

    def get_serializer_class(self):
        if self.action == "retrieve":
            return api.ProgrammeDetailSerializer
        return api.ProgrammeSerializer


# ---------------------------------------------------------------- nominations
@extend_schema_view(
    list=extend_schema(
        summary="Nominations in your scope",
        description="The cell: every nomination; an HOD: their department's; anyone else: "
        "their own.",
        responses={200: api.NominationSerializer(many=True), **PRIVATE},
    ),
    retrieve=extend_schema(
        summary="One nomination in your scope",
        responses={200: api.NominationSerializer, 404: R404, **PRIVATE},
    ),
)
class NominationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = api.NominationSerializer
    filterset_class = filters.NominationFilter
    lookup_value_regex = r"\d+"
    queryset = Nomination.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if _fake(self):
            return Nomination.objects.none()
        if self.action == "mine":
            return selectors.own_nominations(user=self.request.user)
        return selectors.nominations_visible_to(user=self.request.user)

    def get_permissions(self):
        if self.action == "create":
            return [permissions.IsHod()]
        if self.action == "decide":
            return [permissions.IsCellAdmin()]
        if self.action == "withdraw":
            return [permissions.IsCellAdminOrHod()]
        return [IsAuthenticated()]

    def _result(self, nomination, status_code=status.HTTP_200_OK):
        nomination = Nomination.objects.select_related(
            "officer", "programme", "programme__course", "department"
        ).get(pk=nomination.pk)
        return Response(self.get_serializer(nomination).data, status=status_code)

    @extend_schema(
        summary="Nominate an officer of your department (HOD)",
        description="Calls the nominations service: the programme's window, quotas, target "
        "levels and the one-live-nomination rule apply, and are refused with 400.",
        request=api.NominationCreateSerializer,
        responses={201: api.NominationSerializer, 400: R400, 404: R404, **PRIVATE},
    )
    def create(self, request):
        data = self._valid(api.NominationCreateSerializer, request)
        programme = selectors.programmes_to_nominate_to().filter(pk=data["programme"]).first()
        if programme is None:
            raise NotFound(_("No such programme is on the calendar."))
        officers = selectors.department_officers(user=request.user)
        if "officer" in data:
            officer = officers.filter(pk=data["officer"]).first()
        else:
            officer = officers.filter(employee_code=data["officer_employee_code"]).first()
        if officer is None:
            raise NotFound(_("No such officer in your department."))
        nomination = nomination_services.nominate(
            programme=programme, officer=officer, actor=request.user, note=data["note"]
        )
        return self._result(nomination, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Your own nominations",
        responses={200: api.NominationSerializer(many=True), **PRIVATE},
    )
    @action(detail=False, methods=["get"])
    def mine(self, request):
        return self.list(request)

    def _own(self, pk) -> Nomination:
        return get_object_or_404(
            Nomination.objects.select_related("programme"), pk=pk, officer=self.request.user
        )

    @extend_schema(
        summary="Confirm your approved nomination",
        request=api.NoteSerializer,
        responses={200: api.NominationSerializer, 400: R400, 404: R404, **PRIVATE},
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._respond(request, pk, accept=True)

    @extend_schema(
        summary="Decline your approved nomination (frees the seat)",
        request=api.NoteSerializer,
        responses={200: api.NominationSerializer, 400: R400, 404: R404, **PRIVATE},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._respond(request, pk, accept=False)

    def _respond(self, request, pk, *, accept: bool):
        nomination = self._own(pk)
        data = self._valid(api.NoteSerializer, request)
        nomination = nomination_services.respond(
            nomination=nomination, accept=accept, actor=request.user, note=data["note"]
        )
        return self._result(nomination)

    @extend_schema(
        summary="Decide a nomination: approve, waitlist or reject (cell)",
        description="Approving needs a free seat within capacity and the department's quota; "
        "rejecting needs a reason.",
        request=api.DecisionSerializer,
        responses={200: api.NominationSerializer, 400: R400, 404: R404, **PRIVATE},
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        nomination = get_object_or_404(Nomination.objects.select_related("officer"), pk=pk)
        data = self._valid(api.DecisionSerializer, request)
        nomination = nomination_services.decide(
            nomination=nomination,
            decision=data["decision"],
            actor=request.user,
            reason=data["reason"].strip(),
        )
        return self._result(nomination)

    @extend_schema(
        summary="Withdraw a nomination (the cell, or the HOD of its department)",
        request=api.NoteSerializer,
        responses={200: api.NominationSerializer, 400: R400, 404: R404, **PRIVATE},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        nomination = get_object_or_404(selectors.withdrawable_by(user=request.user), pk=pk)
        data = self._valid(api.NoteSerializer, request)
        nomination = nomination_services.withdraw(
            nomination=nomination, actor=request.user, note=data["note"]
        )
        return self._result(nomination)

    @staticmethod
    def _valid(serializer_class, request) -> dict:
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


# ---------------------------------------------------------------- learning
@extend_schema_view(
    list=extend_schema(
        summary="Your enrolments with progress",
        description="Lessons done of the live lessons, most recent activity first.",
        responses={200: api.EnrolmentSerializer(many=True), 401: R401},
    ),
    retrieve=extend_schema(
        summary="One of your enrolments",
        responses={200: api.EnrolmentSerializer, 401: R401, 404: R404},
    ),
)
class EnrolmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = api.EnrolmentSerializer
    lookup_value_regex = r"\d+"
    filterset_class = None

    def get_queryset(self):
        if _fake(self):
            return Enrolment.objects.none()
        return course_selectors.my_learning(user=self.request.user)

    @extend_schema(
        summary="Enrol in a self-paced course",
        request=api.EnrolSerializer,
        responses={
            201: api.EnrolmentSerializer,
            200: OpenApiResponse(api.EnrolmentSerializer, description="Already enrolled."),
            400: R400,
            401: R401,
            404: R404,
        },
    )
    def create(self, request):
        serializer = api.EnrolSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        course = CoursePage.objects.live().public().filter(pk=serializer.validated_data["course"])
        course = course.first()
        if course is None:
            raise NotFound(_("No such published course."))
        existed = course_selectors.enrolment_for(user=request.user, course=course) is not None
        enrolment = course_services.enrol(user=request.user, course=course)
        enrolment = self.get_queryset().get(pk=enrolment.pk)
        return Response(
            self.get_serializer(enrolment).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


# ---------------------------------------------------------------- certificates
@extend_schema_view(
    list=extend_schema(
        summary="Your certificates",
        responses={200: api.CertificateSerializer(many=True), 401: R401},
    ),
)
class CertificateViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = api.CertificateSerializer
    filterset_class = None

    def get_queryset(self):
        if _fake(self):
            return Certificate.objects.none()
        return selectors.certificates_of(holder=self.request.user)


class VerifyCertificateView(APIView):
    """Anyone may check a certificate, as on /verify/: holder, course, dates and status only.
    An unknown one is a 404 after the same work, and look-ups share /verify/'s rate limit."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # public: a session or token changes nothing
    throttle_classes = [VerifyRateThrottle]

    def _answer(self, certificate):
        if certificate is None:
            response = Response({"detail": _("Not found.")}, status=status.HTTP_404_NOT_FOUND)
        else:
            response = Response(api.CertificateVerificationSerializer(certificate).data)
        response["X-Robots-Tag"] = "noindex"
        return response


class VerifyBySerialView(VerifyCertificateView):
    @extend_schema(
        operation_id="certificates_verify_serial",
        summary="Verify a certificate by the serial in its QR code (public, rate-limited)",
        responses={200: api.CertificateVerificationSerializer, 404: R404, 429: R429},
    )
    def get(self, request, serial):
        return self._answer(selectors.certificate_for_verification(serial=serial))


class VerifySearchView(VerifyCertificateView):
    @extend_schema(
        operation_id="certificates_verify_search",
        summary="Verify a certificate by its number or serial (public, rate-limited)",
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                required=True,
                description="The certificate number (e.g. HIPA/SEV/2024-25/000123) or serial.",
            )
        ],
        responses={200: api.CertificateVerificationSerializer, 400: R400, 404: R404, 429: R429},
    )
    def get(self, request):
        query = request.query_params.get("q", "").strip()
        if not query:
            raise ValidationError({"q": [_("Give a certificate number or serial.")]})
        return self._answer(selectors.certificate_for_verification(query=query))


# ---------------------------------------------------------------- reports
class YearlyReportView(APIView):
    permission_classes = [permissions.IsCellAdmin]

    @extend_schema(
        summary="The DARPG year-wise table (cell)",
        description="Programmes completed, participants and unique officers per financial "
        "year (imported past years included), and the total.",
        responses={200: api.YearlyTableSerializer, **PRIVATE},
    )
    def get(self, request):
        return Response(api.YearlyTableSerializer(report_selectors.yearly_table()).data)


class FinancialYearReportView(APIView):
    permission_classes = [permissions.IsCellAdmin]

    @extend_schema(
        summary="One financial year: summary, breakdowns and department coverage (cell)",
        parameters=[
            OpenApiParameter(
                "fy",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="The financial year, e.g. 2024-25.",
                pattern=r"^\d{4}-\d{2}$",
            )
        ],
        responses={200: api.FinancialYearReportSerializer, 400: R400, **PRIVATE},
    )
    def get(self, request, fy):
        try:
            fy = parse_financial_year(fy)
        except ValueError as error:
            raise ValidationError({"fy": [_("Write the financial year as 2024-25.")]}) from error
        first, last = report_selectors.year_range(report_selectors.yearly_table())
        if not first <= fy <= last:
            raise ValidationError(
                {
                    "fy": [
                        _("%(fy)s is outside the years this report covers (%(first)s to %(last)s).")
                        % {"fy": fy, "first": first, "last": last}
                    ]
                }
            )
        summary = report_selectors.fy_summary(fy)
        breakdowns = [
            {"by": key, "title": title, "rows": report_selectors.breakdown(fy, key)}
            for key, (_field, title) in report_selectors.BREAKDOWNS.items()
        ]
        data = {
            "fy": fy,
            "summary": summary,
            "breakdowns": breakdowns,
            "coverage": report_selectors.department_coverage(fy),
        }
        return Response(api.FinancialYearReportSerializer(data).data)


class DepartmentReportView(APIView):
    permission_classes = [permissions.IsHod]

    @extend_schema(
        summary="Your department's training figures (HOD)",
        responses={200: api.DepartmentReportSerializer, **PRIVATE},
    )
    def get(self, request):
        data = report_selectors.department_dashboard(request.user.department_id)
        return Response(
            api.DepartmentReportSerializer(
                {
                    "department": request.user.department,
                    "trained": data["trained"],
                    "pending": data["pending"],
                    "never_trained": data["never_trained"].count(),
                }
            ).data
        )


@extend_schema(
    summary="Your department's officers never trained (HOD)",
    responses={200: api.OfficerSerializer(many=True), **PRIVATE},
)
class NeverTrainedView(generics.ListAPIView):
    permission_classes = [permissions.IsHod]
    serializer_class = api.OfficerSerializer
    filterset_class = None

    def get_queryset(self):
        if _fake(self):
            return User.objects.none()
        return selectors.never_trained(department_id=self.request.user.department_id)


# ---------------------------------------------------------------- officers and the HRMS push
class OfficerView(generics.ListAPIView):
    serializer_class = api.OfficerSerializer
    filterset_class = filters.OfficerFilter

    def get_permissions(self):
        if self.request.method in ("POST", "PUT"):
            return [permissions.CanPushOfficers()]
        return [permissions.CanListOfficers()]

    def get_queryset(self):
        if _fake(self):
            return User.objects.none()
        return selectors.officers_for(user=self.request.user)

    @extend_schema(
        summary="Officers in your scope",
        description="The cell: every department's; an HOD: their own department's; an HRMS "
        "account: those it may push. Active officers only.",
        responses={200: api.OfficerSerializer(many=True), **PRIVATE},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Push officers from an HRMS (create or update by employee code)",
        description=PUSH_DESCRIPTION,
        request=PUSH_REQUEST,
        responses=PUSH_RESPONSES,
    )
    def post(self, request):
        return self._push(request)

    @extend_schema(
        summary="Push officers from an HRMS (same as POST)",
        description=PUSH_DESCRIPTION,
        request=PUSH_REQUEST,
        responses=PUSH_RESPONSES,
    )
    def put(self, request):
        return self._push(request)

    def _push(self, request):
        body, status_code = hrms.push(request.data, actor=request.user)
        return Response(body, status=status_code)
