"""The cell's programme desk (/cell/): who may use it, every action's happy path and its
refusals (shown as messages), the Wagtail programme admin and fixed query counts on the
lists (attendance and finalising: ``test_views_attendance.py``)."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from courses.enums import ProgrammeStatus
from lms.core.models import AuditEntry
from lms.core.roles import Role
from nominations import services
from nominations.enums import NominationState
from nominations.models import Nomination
from programmes import services as programme_services
from tests.factories import build_course, make_user
from tests.nominations.factories import open_programme
from tests.nominations.fixtures_cell import (
    approve,
    confirm,
    desk,
    messages_of,
    nominate,
    officers,
    set_status,
    states,
    text,
)

S = NominationState
P = ProgrammeStatus
pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ who may use the desk
def _cell_urls(programme, nomination):
    session = programme.sessions.first()
    return [
        ("get", reverse("cell:programmes")),
        ("get", desk(programme)),
        ("get", desk(programme) + "?format=csv"),
        ("get", reverse("cell:status", args=[programme.pk]) + "?status=cancelled"),
        ("post", reverse("cell:status", args=[programme.pk])),
        ("get", reverse("cell:finalise", args=[programme.pk])),
        ("post", reverse("cell:finalise", args=[programme.pk])),
        ("post", reverse("cell:decide", args=[nomination.pk])),
        ("get", reverse("cell:attendance", args=[programme.pk, session.pk])),
        ("post", reverse("cell:attendance", args=[programme.pk, session.pk])),
    ]


@pytest.mark.parametrize("role", ["trainee", "hod", "trainer", "course_director"])
def test_desk_refuses_every_other_role(client, request, role, hod, department):
    programme = open_programme()
    (item,) = nominate(programme, officers(department), hod=hod)
    client.force_login(request.getfixturevalue(role))
    for method, url in _cell_urls(programme, item):
        data = {"status": P.CANCELLED, "sure": "yes", "decision": S.APPROVED}
        response = getattr(client, method)(url, data if method == "post" else None)
        assert response.status_code == 403, (method, url)
    programme.refresh_from_db()
    assert programme.status == P.OPEN and states(item) == [S.SUBMITTED]
    assert not AuditEntry.objects.filter(action="programme.status").exists()


def test_desk_sends_anonymous_users_to_sign_in(client, hod, department):
    programme = open_programme()
    (item,) = nominate(programme, officers(department), hod=hod)
    for method, url in [*_cell_urls(programme, item), ("get", reverse("cell:coordinating"))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


def test_nav_shows_programmes_to_the_cell_only(client, cell_admin, trainee, trainer):
    client.force_login(cell_admin)
    assert f'href="{reverse("cell:programmes")}"' in client.get("/learning/").content.decode()
    client.force_login(trainee)
    page = client.get("/learning/").content.decode()
    assert f'href="{reverse("cell:programmes")}"' not in page
    assert f'href="{reverse("cell:coordinating")}"' not in page
    client.force_login(trainer)
    page = client.get("/learning/").content.decode()
    assert f'href="{reverse("cell:programmes")}"' not in page
    assert f'href="{reverse("cell:coordinating")}"' in page


# ------------------------------------------------------------------ programme list
def test_programme_list_shows_counts_and_filters_by_status(
    client, cell_admin, hod, department, other_department
):
    busy = open_programme(title="Busy batch", capacity=3)
    draft = open_programme(title="Draft batch", status=P.DRAFT)
    people = officers(department, 5)
    items = nominate(busy, people, hod=hod)
    services.decide(nomination=items[0], decision=S.APPROVED, actor=cell_admin)
    services.decide(nomination=items[1], decision=S.APPROVED, actor=cell_admin)
    services.decide(nomination=items[2], decision=S.WAITLISTED, actor=cell_admin)
    services.decide(nomination=items[3], decision=S.REJECTED, actor=cell_admin, reason="No")
    client.force_login(cell_admin)
    response = client.get(reverse("cell:programmes"))
    assert response.status_code == 200
    rows = {p.pk: p for p in response.context["page"]}
    assert (rows[busy.pk].seats, rows[busy.pk].submitted, rows[busy.pk].waitlisted) == (2, 1, 1)
    assert (rows[draft.pk].seats, rows[draft.pk].submitted, rows[draft.pk].waitlisted) == (0, 0, 0)
    page = response.content.decode()
    assert '<td class="seats">2 / 3</td><td class="submitted">1</td>' in page
    assert busy.starts_on.strftime("%d/%m/%Y") in page
    only_drafts = client.get(reverse("cell:programmes"), {"status": P.DRAFT})
    assert [p.pk for p in only_drafts.context["page"]] == [draft.pk]
    everything = client.get(reverse("cell:programmes"), {"status": "nonsense"})
    assert {p.pk for p in everything.context["page"]} == {busy.pk, draft.pk}


def test_programme_list_paginates(client, cell_admin):
    course = build_course(modules=1, lessons_per_module=1)
    for n in range(26):
        open_programme(title=f"Batch {n}", course=course)
    client.force_login(cell_admin)
    first = client.get(reverse("cell:programmes"))
    second = client.get(reverse("cell:programmes"), {"page": 2})
    assert len(first.context["page"]) == 25 and len(second.context["page"]) == 1
    assert 'rel="next"' in first.content.decode()


# ------------------------------------------------------------------ programme desk
def test_desk_groups_nominations_and_shows_seats_and_quotas(
    client, cell_admin, hod, other_hod, department, other_department
):
    programme = open_programme(capacity=4, quotas={department: 3, other_department: 1})
    ours = approve(programme, officers(department, 2), hod=hod, cell_admin=cell_admin)
    nominate(programme, officers(department), hod=hod)
    (theirs,) = nominate(programme, officers(other_department), hod=other_hod)
    services.decide(nomination=theirs, decision=S.WAITLISTED, actor=cell_admin)
    client.force_login(cell_admin)
    response = client.get(desk(programme))
    page = text(response)
    assert "Approved (2)" in page and "Submitted (1)" in page and "Waitlisted (1)" in page
    assert "Rejected (" not in page
    assert "2 / 4" in page
    quotas = {
        q["department"].pk: (q["used"], q["seats"], q["left"])
        for q in response.context["desk"].quotas
    }
    assert quotas == {department.pk: (2, 3, 1), other_department.pk: (0, 1, 1)}
    assert f"{department.name} 2 / 3 1" in page
    assert ours[0].officer.employee_code in page
    assert f'href="{reverse("programme:edit", args=[programme.pk])}"' in response.content.decode()


@pytest.mark.parametrize(
    ("status", "buttons"),
    [
        (P.DRAFT, {P.OPEN, P.CANCELLED}),
        (P.OPEN, {P.CLOSED, P.DRAFT, P.CANCELLED}),
        (P.CLOSED, {P.OPEN, P.RUNNING, P.CANCELLED}),
        (P.RUNNING, {P.CANCELLED}),
        (P.COMPLETED, set()),
        (P.CANCELLED, set()),
    ],
)
def test_desk_offers_the_status_changes_the_map_allows(client, cell_admin, status, buttons):
    programme = set_status(open_programme(), status)
    client.force_login(cell_admin)
    response = client.get(desk(programme))
    assert {value for value, _label in response.context["desk"].next_statuses} == buttons
    page = response.content.decode()
    for value in P.values:
        posted = f'name="status" value="{value}"' in page
        assert posted == (value in buttons and value != P.CANCELLED), value
    assert ("?status=cancelled" in page) == (P.CANCELLED in buttons)


def test_desk_csv_lists_this_programmes_nominations_with_formulas_escaped(
    client, cell_admin, hod, department
):
    programme = open_programme(code="SEV/2025-26/004")
    other = open_programme()
    sly = officers(department, designation='=HYPERLINK("http://x")', first_name="@Sly")[0]
    plain = officers(department, first_name="Asha")[0]
    nominate(programme, [sly, plain], hod=hod)
    nominate(other, officers(department, first_name="Elsewhere"), hod=hod)
    client.force_login(cell_admin)
    response = client.get(desk(programme), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="nominations-SEV-2025-26-004.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Employee code", "Officer", "Designation"]
    assert len(rows) == 3
    assert rows[1][2] == '\'=HYPERLINK("http://x")' and rows[1][1].startswith("'@Sly")
    assert rows[2][1].startswith("Asha") and rows[2][5] == "Submitted"
    assert "Elsewhere" not in "".join(",".join(r) for r in rows)


def test_unknown_programme_is_404(client, cell_admin):
    client.force_login(cell_admin)
    assert client.get(reverse("cell:programme", args=[999999])).status_code == 404
    assert client.post(reverse("cell:decide", args=[999999])).status_code == 404


# ------------------------------------------------------------------ decisions
def test_cell_approves_waitlists_and_rejects_with_messages(
    client, cell_admin, hod, department, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme(capacity=2)
    a, b, c = nominate(programme, officers(department, 3), hod=hod)
    client.force_login(cell_admin)
    url = lambda item: reverse("cell:decide", args=[item.pk])  # noqa: E731
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(a), {"decision": "approved"}, follow=True)
    assert response.redirect_chain[-1][0] == desk(programme)
    assert ("success", f"{a.officer}: Approved.") in messages_of(response)
    assert {a.officer.email, hod.email} <= {m.to[0] for m in mailoutbox}
    response = client.post(url(b), {"decision": "waitlisted"}, follow=True)
    assert ("success", f"{b.officer}: Waitlisted.") in messages_of(response)
    response = client.post(url(c), {"decision": "rejected", "reason": "Not a GRO"}, follow=True)
    assert ("success", f"{c.officer}: Rejected.") in messages_of(response)
    assert states(a, b, c) == [S.APPROVED, S.WAITLISTED, S.REJECTED]
    assert Nomination.objects.get(pk=c.pk).reason == "Not a GRO"
    audit = AuditEntry.objects.filter(action="nomination.transition", actor=cell_admin)
    assert audit.count() == 3


def test_rejecting_needs_a_reason(client, cell_admin, hod, department):
    programme = open_programme()
    (item,) = nominate(programme, officers(department), hod=hod)
    client.force_login(cell_admin)
    for reason in ("", "   "):
        response = client.post(
            reverse("cell:decide", args=[item.pk]),
            {"decision": "rejected", "reason": reason},
            follow=True,
        )
        assert ("error", f"{item.officer}: Give a reason.") in messages_of(response)
    assert states(item) == [S.SUBMITTED]


def test_approving_beyond_capacity_or_quota_is_refused(
    client, cell_admin, hod, other_hod, department, other_department
):
    programme = open_programme(capacity=2, quotas={department: 1, other_department: 1})
    a, b = nominate(programme, officers(department, 2), hod=hod)
    (c,) = nominate(programme, officers(other_department), hod=other_hod)
    client.force_login(cell_admin)
    client.post(reverse("cell:decide", args=[a.pk]), {"decision": "approved"})
    response = client.post(
        reverse("cell:decide", args=[b.pk]), {"decision": "approved"}, follow=True
    )
    assert any("quota of 1 seat is used up" in m for _t, m in messages_of(response))
    client.post(reverse("cell:decide", args=[c.pk]), {"decision": "approved"})
    (d,) = nominate(programme, officers(other_department), hod=other_hod)
    response = client.post(
        reverse("cell:decide", args=[d.pk]), {"decision": "approved"}, follow=True
    )
    assert any("All 2 seats are taken" in m for _t, m in messages_of(response))
    assert states(a, b, c, d) == [S.APPROVED, S.SUBMITTED, S.APPROVED, S.SUBMITTED]


@pytest.mark.parametrize("decision", ["", "confirmed", "attended", "withdrawn", "bogus"])
def test_decide_refuses_other_decisions(client, cell_admin, hod, department, decision):
    programme = open_programme()
    (item,) = nominate(programme, officers(department), hod=hod)
    client.force_login(cell_admin)
    response = client.post(
        reverse("cell:decide", args=[item.pk]), {"decision": decision}, follow=True
    )
    assert ("error", "Choose approve, waitlist or reject.") in messages_of(response)
    assert states(item) == [S.SUBMITTED]


def test_decide_needs_post_and_refuses_final_states(client, cell_admin, hod, department):
    programme = open_programme()
    (item,) = nominate(programme, officers(department), hod=hod)
    services.decide(nomination=item, decision=S.REJECTED, actor=cell_admin, reason="No")
    client.force_login(cell_admin)
    assert client.get(reverse("cell:decide", args=[item.pk])).status_code == 405
    response = client.post(
        reverse("cell:decide", args=[item.pk]), {"decision": "approved"}, follow=True
    )
    assert any("cannot go from Rejected to Approved" in m for _t, m in messages_of(response))
    assert states(item) == [S.REJECTED]


def test_decisions_on_a_cancelled_programme_are_refused(client, cell_admin, hod, department):
    programme = open_programme()
    (item,) = nominate(programme, officers(department), hod=hod)
    set_status(programme, P.CANCELLED)
    client.force_login(cell_admin)
    response = client.post(
        reverse("cell:decide", args=[item.pk]), {"decision": "approved"}, follow=True
    )
    assert any("The programme is Cancelled" in m for _t, m in messages_of(response))
    assert states(item) == [S.SUBMITTED]


# ------------------------------------------------------------------ programme status
def test_status_change_happy_path_with_audit(client, cell_admin):
    programme = open_programme()
    client.force_login(cell_admin)
    url = reverse("cell:status", args=[programme.pk])
    response = client.post(url, {"status": P.CLOSED, "note": "Full"}, follow=True)
    assert ("success", "The programme is now: Nominations closed.") in messages_of(response)
    programme.refresh_from_db()
    assert programme.status == P.CLOSED
    entry = AuditEntry.objects.get(action="programme.status")
    assert (entry.actor, entry.from_state, entry.to_state, entry.note) == (
        cell_admin,
        P.OPEN,
        P.CLOSED,
        "Full",
    )
    client.post(url, {"status": P.RUNNING})
    programme.refresh_from_db()
    assert programme.status == P.RUNNING


@pytest.mark.parametrize(
    ("start", "target", "message"),
    [
        (P.OPEN, P.RUNNING, "cannot go from Open for nominations to Running"),
        (P.DRAFT, P.CLOSED, "cannot go from Draft to Nominations closed"),
        (P.RUNNING, P.COMPLETED, "Complete a programme by finalising its attendance."),
        (P.COMPLETED, P.OPEN, "cannot go from Completed to Open for nominations"),
    ],
)
def test_status_refusals_are_messages(client, cell_admin, start, target, message):
    programme = set_status(open_programme(), start)
    client.force_login(cell_admin)
    response = client.post(
        reverse("cell:status", args=[programme.pk]), {"status": target}, follow=True
    )
    assert any(message in m for level, m in messages_of(response) if level == "error")
    programme.refresh_from_db()
    assert programme.status == start


def test_opening_needs_sessions_and_unknown_status_is_refused(client, cell_admin):
    programme = open_programme(sessions=0, status=P.DRAFT)
    client.force_login(cell_admin)
    url = reverse("cell:status", args=[programme.pk])
    response = client.post(url, {"status": P.OPEN}, follow=True)
    assert ("error", "Add the session days before opening nominations.") in messages_of(response)
    response = client.post(url, {"status": "archived"}, follow=True)
    assert ("error", "Unknown status.") in messages_of(response)
    programme.refresh_from_db()
    assert programme.status == P.DRAFT


def test_cancelling_asks_first_then_withdraws_live_nominations(
    client, cell_admin, hod, department, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme(capacity=3)
    approved = approve(programme, officers(department, 2), hod=hod, cell_admin=cell_admin)
    (submitted,) = nominate(programme, officers(department), hod=hod)
    (rejected,) = nominate(programme, officers(department), hod=hod)
    services.decide(nomination=rejected, decision=S.REJECTED, actor=cell_admin, reason="No")
    client.force_login(cell_admin)
    url = reverse("cell:status", args=[programme.pk])
    # the desk links to the confirmation page, which says what will happen
    page = client.get(url, {"status": P.CANCELLED})
    assert "Cancelling withdraws the 3 live nominations" in text(page)
    # a POST without "sure" shows the same page and changes nothing
    assert "cannot be undone" in text(client.post(url, {"status": P.CANCELLED}))
    programme.refresh_from_db()
    assert programme.status == P.OPEN
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"status": P.CANCELLED, "sure": "yes", "note": "Venue flooded"}, follow=True
        )
    assert ("success", "The programme is now: Cancelled.") in messages_of(response)
    programme.refresh_from_db()
    assert programme.status == P.CANCELLED
    assert states(*approved, submitted, rejected) == [S.WITHDRAWN] * 3 + [S.REJECTED]
    assert {approved[0].officer.email, submitted.officer.email} <= {m.to[0] for m in mailoutbox}


def test_non_cancel_changes_do_not_ask(client, cell_admin):
    programme = open_programme()
    client.force_login(cell_admin)
    response = client.post(reverse("cell:status", args=[programme.pk]), {"status": P.DRAFT})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.status == P.DRAFT


# ------------------------------------------------------------------ fixed query counts
def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_desk_pages_run_a_fixed_number_of_queries(
    client, cell_admin, hod, department, django_assert_max_num_queries
):
    course = build_course(modules=1, lessons_per_module=1)
    programme = open_programme(
        capacity=60, sessions=2, course=course, requires_online_completion=True
    )
    approve(programme, officers(department), hod=hod, cell_admin=cell_admin)
    session = programme.sessions.first()
    client.force_login(cell_admin)
    urls = [
        reverse("cell:programmes"),
        desk(programme),
        reverse("cell:attendance", args=[programme.pk, session.pk]),
        reverse("cell:finalise", args=[programme.pk]),
    ]
    small = {url: _count(client, url) for url in urls}
    for _ in range(6):
        open_programme(course=course)
    items = approve(programme, officers(department, 12), hod=hod, cell_admin=cell_admin)
    confirm(items[:6])
    nominate(programme, officers(department, 6), hod=hod)
    session.date = timezone.localdate()
    session.save()
    for item in items[:6]:
        programme_services.mark_attendance(
            session=session, nomination=item, present=True, actor=cell_admin
        )
    for url in urls:
        with django_assert_max_num_queries(small[url]):
            assert client.get(url).status_code == 200


def test_coordinating_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    coordinator = make_user(Role.TRAINER)
    course = build_course(modules=1, lessons_per_module=1)
    open_programme(coordinator=coordinator, course=course)
    client.force_login(coordinator)
    small = _count(client, reverse("cell:coordinating"))
    for _ in range(4):
        open_programme(coordinator=coordinator, course=course, sessions=3)
    with django_assert_max_num_queries(small):
        client.get(reverse("cell:coordinating"))


# ------------------------------------------------------------------ Wagtail admin
def test_cell_administrators_may_manage_programmes_and_others_may_not():
    perms = lambda role: set(  # noqa: E731
        Group.objects.get(name=role.value)
        .permissions.filter(content_type__model="programme")
        .values_list("codename", flat=True)
    )
    assert perms(Role.CELL_ADMIN) == {"add_programme", "change_programme", "view_programme"}
    for role in (Role.TRAINER, Role.COURSE_DIRECTOR):
        Group.objects.get_or_create(name=role.value)
        assert perms(role) == set()


def test_admin_programme_list_links_to_the_desk_and_exports(client, cell_admin):
    programme = open_programme(title="Charter batch", code="SEV/2025-26/011")
    set_status(open_programme(title="Draft batch"), P.DRAFT)
    client.force_login(cell_admin)
    response = client.get(reverse("programme:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Charter batch" in page and "SEV/2025-26/011" in page
    assert f'href="{desk(programme)}"' in page
    assert programme.starts_on.strftime("%d/%m/%Y") in page and "0 / 5" in page
    filtered = client.get(reverse("programme:index"), {"status": P.DRAFT}).content.decode()
    assert "Draft batch" in filtered and "Charter batch" not in filtered
    found = client.get(reverse("programme:index"), {"q": "011"}).content.decode()
    assert "Charter batch" in found and "Draft batch" not in found
    exported = client.get(reverse("programme:index"), {"export": "csv"})
    assert exported.status_code == 200
    content = getattr(exported, "streaming_content", None) or [exported.content]
    body = b"".join(
        chunk if isinstance(chunk, bytes) else chunk.encode() for chunk in content
    ).decode("utf-8-sig")
    assert "SEV/2025-26/011" in body and "Seats" in body.splitlines()[0]
    xlsx = client.get(reverse("programme:index"), {"export": "xlsx"})
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]
    edit = client.get(reverse("programme:edit", args=[programme.pk]))
    assert edit.status_code == 200 and f'href="{desk(programme)}"' in edit.content.decode()


@pytest.mark.parametrize("role", ["trainer", "course_director"])
def test_admin_programme_screens_refuse_trainers_and_directors(client, request, role):
    programme = open_programme()
    client.force_login(request.getfixturevalue(role))
    for url in (
        reverse("programme:index"),
        reverse("programme:add"),
        reverse("programme:edit", args=[programme.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert reverse("programme:index") not in response["Location"]
    response = client.post(reverse("programme:edit", args=[programme.pk]), {"title": "Hijacked"})
    assert response.status_code in (302, 403)
    programme.refresh_from_db()
    assert programme.title == "Sevottam batch"


def test_admin_programme_list_runs_a_fixed_number_of_queries(
    client, cell_admin, hod, department, django_assert_max_num_queries
):
    course = build_course(modules=1, lessons_per_module=1)
    programme = open_programme(course=course, capacity=30)
    client.force_login(cell_admin)
    small = _count(client, reverse("programme:index"))
    for _ in range(5):
        approve(open_programme(course=course), officers(department), hod=hod, cell_admin=cell_admin)
    approve(programme, officers(department, 3), hod=hod, cell_admin=cell_admin)
    with django_assert_max_num_queries(small):
        page = client.get(reverse("programme:index")).content.decode()
    assert "3 / 30" in page
