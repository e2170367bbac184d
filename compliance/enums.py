from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleKind(models.TextChoices):
    """The statutory roles that make an officer answerable for a service or a grievance
    (the Right to Service Acts, e.g. the Haryana Right to Service Act, 2014; the CPGRAMS
    guidelines 2024; the CM Window standard operating procedure)."""

    RTS_DESIGNATED_OFFICER = "rts_designated_officer", _("RTS designated officer")
    FIRST_APPELLATE = "first_appellate", _("First appellate authority")
    SECOND_APPELLATE = "second_appellate", _("Second appellate authority")
    GRO = "gro", _("Grievance redress officer")
    PG_NODAL = "pg_nodal", _("Public-grievance nodal officer")
    CMW_NODAL = "cmw_nodal", _("CM Window nodal officer")


class ComplianceState(models.TextChoices):
    """Where one officer stands on one training rule (``compliance.rules.state_for``)."""

    COMPLIANT = "compliant", _("Compliant")
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")
    NOT_YET_DUE = "not_yet_due", _("Not yet due")
    EXEMPT = "exempt", _("Exempt")


#: The states an HOD acts on: "nominate these".
NEEDS_TRAINING = frozenset({ComplianceState.DUE, ComplianceState.OVERDUE})
