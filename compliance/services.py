"""Every compliance write: the roles officers hold (the cell, or the HOD of the officer's
department) and the cell's exemptions, each audited; "nominate these", which goes
through the nomination service officer by officer; and the monthly snapshots."""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Programme
from lms.core.errors import DomainError
from lms.core.roles import Role, has_role, is_hod
from lms.core.services import record_audit
from nominations import services as nominations

from . import months, selectors
from .enums import ComplianceState, RoleKind
from .models import ComplianceSnapshot, Exemption, RoleHeld, TrainingRule


class ComplianceError(DomainError):
    """A compliance change the rules refuse; the message says which rule."""


#: An HRMS service account granted it keeps roles held (of its own department, if it has one).
ROLES_PERMISSION = "compliance.change_roleheld"


def may_edit_roles(*, actor, officer) -> bool:
    """The cell, the HOD of the officer's department, and an HRMS service account granted
    ``ROLES_PERMISSION`` (for its department) keep the roles an officer holds."""
    if has_role(actor, Role.CELL_ADMIN):
        return True
    if is_hod(actor) and officer.department_id == actor.department_id:
        return True
    return (
        getattr(actor, "is_active", False)
        and actor.has_perm(ROLES_PERMISSION)
        and actor.department_id in (None, officer.department_id)
    )


def _role_facts(role: RoleHeld) -> dict:
    return {
        "officer": role.officer_id,
        "kind": role.kind,
        "scope": role.scope,
        "from": role.from_date.isoformat(),
        "to": role.to_date.isoformat() if role.to_date else None,
    }


def _check_dates(from_date, to_date) -> None:
    if to_date is not None and to_date < from_date:
        raise ComplianceError(_("A role cannot end before it starts."))


@transaction.atomic
def set_role(
    *,
    officer,
    kind: str,
    from_date: datetime.date,
    actor,
    scope: str = "",
    to_date: datetime.date | None = None,
) -> RoleHeld:
    """Record that ``officer`` holds (or held) a role from ``from_date``."""
    if not may_edit_roles(actor=actor, officer=officer):
        raise ComplianceError(_("Only the cell or the officer's HOD can set the roles held."))
    if kind not in RoleKind.values:
        raise ComplianceError(_("Unknown role."))
    _check_dates(from_date, to_date)
    role = RoleHeld.objects.create(
        officer=officer,
        kind=kind,
        scope=scope.strip()[:255],
        from_date=from_date,
        to_date=to_date,
        set_by=actor if getattr(actor, "pk", None) else None,
    )
    record_audit(
        actor=actor, action="compliance.role_set", obj=role, to_state=kind, data=_role_facts(role)
    )
    return role


@transaction.atomic
def change_role(
    *, role: RoleHeld, actor, scope: str, from_date: datetime.date, to_date=None
) -> RoleHeld:
    """Correct a role's scope or dates (ending it is setting ``to_date``)."""
    role = RoleHeld.objects.select_for_update().select_related("officer").get(pk=role.pk)
    if not may_edit_roles(actor=actor, officer=role.officer):
        raise ComplianceError(_("Only the cell or the officer's HOD can set the roles held."))
    _check_dates(from_date, to_date)
    before = _role_facts(role)
    role.scope, role.from_date, role.to_date = scope.strip()[:255], from_date, to_date
    role.set_by = actor if getattr(actor, "pk", None) else None
    role.save(update_fields=["scope", "from_date", "to_date", "set_by", "updated_at"])
    record_audit(
        actor=actor,
        action="compliance.role_changed",
        obj=role,
        to_state=role.kind,
        data={"before": before, "after": _role_facts(role)},
    )
    return role


@transaction.atomic
def sync_roles(*, officer, roles: list[dict], actor) -> int:
    """Roles as an HRMS sends them (``kind``, ``from_date``, optional ``scope`` and
    ``to_date``), matched by role and start date: a new one is recorded, a known one takes
    the scope and end date sent; roles not sent are left as they are. Returns how many
    changed."""
    if not may_edit_roles(actor=actor, officer=officer):
        raise ComplianceError(_("This account may not set the roles an officer holds."))
    known = {(r.kind, r.from_date): r for r in RoleHeld.objects.filter(officer=officer)}
    changed = 0
    for sent in roles:
        scope, to_date = sent.get("scope", "").strip()[:255], sent.get("to_date")
        role = known.get((sent["kind"], sent["from_date"]))
        if role is None:
            role = set_role(
                officer=officer,
                kind=sent["kind"],
                scope=scope,
                from_date=sent["from_date"],
                to_date=to_date,
                actor=actor,
            )
            known[(role.kind, role.from_date)] = role
        elif (role.scope, role.to_date) != (scope, to_date):
            change_role(
                role=role, actor=actor, scope=scope, from_date=role.from_date, to_date=to_date
            )
        else:
            continue
        changed += 1
    return changed


def end_role(*, role: RoleHeld, actor, to_date: datetime.date) -> RoleHeld:
    return change_role(
        role=role, actor=actor, scope=role.scope, from_date=role.from_date, to_date=to_date
    )


@transaction.atomic
def exempt(*, officer, rule: TrainingRule, reason: str, actor) -> Exemption:
    """The cell exempts ``officer`` from ``rule``, with a reason."""
    if not has_role(actor, Role.CELL_ADMIN):
        raise ComplianceError(_("Only the cell grants exemptions."))
    if not reason.strip():
        raise ComplianceError(_("Give a reason."))
    try:
        with transaction.atomic():
            exemption = Exemption.objects.create(
                officer=officer, rule=rule, reason=reason.strip(), granted_by=actor
            )
    except IntegrityError as error:
        raise ComplianceError(
            _("%(officer)s is already exempt from this rule.") % {"officer": officer}
        ) from error
    record_audit(
        actor=actor,
        action="compliance.exempted",
        obj=exemption,
        to_state="exempt",
        note=exemption.reason,
        data={"officer": officer.pk, "rule": rule.pk},
    )
    return exemption


@transaction.atomic
def remove_exemption(*, exemption: Exemption, actor, reason: str = "") -> None:
    if not has_role(actor, Role.CELL_ADMIN):
        raise ComplianceError(_("Only the cell grants exemptions."))
    record_audit(
        actor=actor,
        action="compliance.exemption_removed",
        obj=exemption,
        from_state="exempt",
        note=reason,
        data={"officer": exemption.officer_id, "rule": exemption.rule_id},
    )
    exemption.delete()


@dataclass
class NominationOutcome:
    nominated: list = field(default_factory=list)  # officers
    refused: list = field(default_factory=list)  # (officer, message)


def nominate_these(*, programme: Programme, rule: TrainingRule, officers, actor, note: str = ""):
    """Nominate each officer to ``programme`` (a programme of one of the rule's courses)
    through ``nominations.services.nominate``, each on its own: those the nomination rules
    accept are nominated, the others are returned with the refusal (window, seats, quota,
    level, already nominated)."""
    if programme.course_id not in {course.pk for course in rule.courses.all()}:
        raise ComplianceError(_("The programme is not of a course this rule asks for."))
    outcome = NominationOutcome()
    for officer in officers:
        try:
            nominations.nominate(programme=programme, officer=officer, actor=actor, note=note)
        except nominations.NominationError as error:
            outcome.refused.append((officer, str(error)))
        else:
            outcome.nominated.append(officer)
    return outcome


@transaction.atomic
def take_snapshot(*, month: datetime.date, today: datetime.date | None = None) -> int:
    """Count, per department and rule in force, the officers in each state as of the last
    day of ``month`` (any day of it) and keep the counts as that month's snapshot. The
    month's rows of those rules are replaced, so running it again gives the same rows
    (rules retired since keep the rows they had). A month not over by ``today`` is
    refused. Returns the rows written."""
    today = today or timezone.localdate()
    month = months.month_start(month)
    as_of = months.month_end(month)
    if as_of > today:
        raise ComplianceError(
            _("%(month)s is not over yet: its snapshot is taken after its last day.")
            % {"month": month.strftime("%Y-%m")}
        )
    found = selectors.rules_in_force(on=as_of)
    counts = selectors.state_counts(today=as_of, rules_list=found)
    ComplianceSnapshot.objects.filter(month=month, rule__in=found).delete()
    ComplianceSnapshot.objects.bulk_create(
        ComplianceSnapshot(
            month=month,
            department_id=department_id,
            rule_id=rule_id,
            **{str(state): states.get(state, 0) for state in ComplianceState},
        )
        for (department_id, rule_id), states in sorted(counts.items())
    )
    return len(counts)
