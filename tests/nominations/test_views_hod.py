"""The HOD's nomination pages: open programmes, nominating (one by one and from a file),
the department's nominations with withdraw and substitute; role and department scope,
bad input, and query counts that do not grow with the data."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.enums import ProgrammeStatus
from lms.core.models import AuditEntry
from lms.core.roles import Role
from nominations import services
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.factories import make_user
from tests.nominations.factories import open_programme
from tests.nominations.fixtures_views import (
    checked_ids,
    listed_ids,
    messages_of,
    nominate,
    queries,
    staff,
    text,
)

S = NominationState
pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"nominations:{name}", args=args)


# ------------------------------------------------------------------ who may use the pages
@pytest.fixture
def scene(department, other_department, hod, other_hod):
    """A programme with one nomination from each department."""
    programme = open_programme(capacity=10)
    ours = nominate(programme, staff(department, 1), hod=hod)[0]
    theirs = nominate(programme, staff(other_department, 1, prefix="HLT"), hod=other_hod)[0]
    return programme, ours, theirs


def hod_urls(programme, nomination):
    return [
        url("programmes"),
        url("nominate", programme.pk),
        url("upload", programme.pk),
        url("department"),
        url("withdraw", nomination.pk),
        url("substitute", nomination.pk),
    ]


def test_anonymous_users_are_sent_to_sign_in(client, scene):
    programme, ours, _ = scene
    for address in hod_urls(programme, ours):
        for response in (client.get(address), client.post(address, {"officers": ["1"]})):
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("accounts:login"))
    assert Nomination.objects.get(pk=ours.pk).state == S.SUBMITTED


@pytest.mark.parametrize("role", ["trainee", "trainer", "course_director", "cell_admin"])
def test_other_roles_get_403_and_change_nothing(client, request, scene, role):
    """A cell administrator uses the cell desk; the HOD pages are for HODs only."""
    programme, ours, _ = scene
    client.force_login(request.getfixturevalue(role))
    for address in hod_urls(programme, ours):
        assert client.get(address).status_code == 403
        assert client.post(address, {"note": "x"}).status_code == 403
    assert Nomination.objects.get(pk=ours.pk).state == S.SUBMITTED
    assert Nomination.objects.count() == 2


def test_hod_role_without_a_department_gets_403(client, scene):
    programme, ours, _ = scene
    client.force_login(make_user(Role.HOD, department=None))
    for address in hod_urls(programme, ours):
        assert client.get(address).status_code == 403


def test_hod_cannot_see_or_act_on_another_departments_nominations(client, scene, hod):
    programme, ours, theirs = scene
    client.force_login(hod)
    for name in ("withdraw", "substitute"):
        assert client.get(url(name, theirs.pk)).status_code == 404
        assert (
            client.post(url(name, theirs.pk), {"replacement": ours.officer_id}).status_code == 404
        )
    assert Nomination.objects.get(pk=theirs.pk).state == S.SUBMITTED
    page = text(client.get(url("department")))
    assert ours.officer.employee_code in page and theirs.officer.employee_code not in page
    # even filtered by the programme both departments nominated to
    page = text(client.get(url("department"), {"programme": programme.pk}))
    assert theirs.officer.employee_code not in page
    export = client.get(url("department"), {"format": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert ours.officer.employee_code in body and theirs.officer.employee_code not in body


def test_hod_cannot_nominate_another_departments_officers(
    client, hod, department, other_department
):
    programme = open_programme()
    mine = staff(department, 1)[0]
    outsider = staff(other_department, 1, prefix="HLT")[0]
    client.force_login(hod)
    assert outsider.pk not in listed_ids(client.get(url("nominate", programme.pk)).content.decode())
    for officers in ([outsider.pk], [mine.pk, outsider.pk]):
        response = client.post(url("nominate", programme.pk), {"officers": officers})
        assert response.status_code == 404
    assert client.post(url("nominate", programme.pk), {"officers": ["1; DROP"]}).status_code == 404
    assert not Nomination.objects.exists()


def _programmes_not_for_us(other_department):
    now = timezone.now()
    return {
        "draft": open_programme(title="Draft", status=ProgrammeStatus.DRAFT),
        "closed": open_programme(title="Closed", status=ProgrammeStatus.CLOSED),
        "cancelled": open_programme(title="Cancelled", status=ProgrammeStatus.CANCELLED),
        "window over": open_programme(title="Late", closes=now - datetime.timedelta(minutes=1)),
        "window not open": open_programme(title="Early", opens=now + datetime.timedelta(hours=1)),
        "other quota": open_programme(title="Theirs", quotas={other_department: 4}),
    }


def test_programmes_not_open_to_the_department_are_hidden_and_404(
    client, hod, department, other_department
):
    hidden = _programmes_not_for_us(other_department)
    shown = open_programme(title="Ours", quotas={department: 2, other_department: 2})
    client.force_login(hod)
    page = text(client.get(url("programmes")))
    assert "Ours" in page
    for title in ("Draft", "Closed", "Cancelled", "Late", "Early", "Theirs"):
        assert title not in page
    for programme in hidden.values():
        assert client.get(url("nominate", programme.pk)).status_code == 404
        assert client.get(url("upload", programme.pk)).status_code == 404
        assert client.post(url("upload", programme.pk), {"import": "all"}).status_code == 404
    assert client.get(url("nominate", shown.pk)).status_code == 200
    assert client.get(url("nominate", 999999)).status_code == 404


# ------------------------------------------------------------------ open programmes
def test_programme_list_shows_dates_place_seats_quota_and_our_nominations(
    client, hod, other_hod, cell_admin, department, other_department
):
    programme = open_programme(
        title="Grievance redress", capacity=6, quotas={department: 3, other_department: 3}
    )
    free = open_programme(title="Open to all", capacity=4)
    ours = nominate(programme, staff(department, 3), hod=hod)
    theirs = nominate(programme, staff(other_department, 2, prefix="HLT"), hod=other_hod)
    for item in (ours[0], theirs[0], theirs[1]):
        services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    services.withdraw(nomination=ours[2], actor=hod)
    client.force_login(hod)
    page = client.get(url("programmes")).content.decode()
    rows = {row.split("</td>")[0]: row for row in page.split("<tr>")[1:]}
    row = next(r for r in rows.values() if "Grievance redress" in r)
    assert programme.code in row and "HIPA Gurugram" in row
    assert f"{programme.starts_on:%d/%m/%Y}" in row and f"{programme.ends_on:%d/%m/%Y}" in row
    assert '<td data-label="seats-left">3 / 6</td>' in row  # 3 approved in all
    assert '<td data-label="quota">3 seats, 2 left</td>' in row  # one of ours approved
    assert '<td data-label="nominated">2</td>' in row  # the withdrawn one does not count
    assert url("nominate", programme.pk) in row and url("upload", programme.pk) in row
    row = next(r for r in rows.values() if "Open to all" in r)
    assert '<td data-label="seats-left">4 / 4</td>' in row
    assert '<td data-label="quota">No quota</td>' in row
    assert '<td data-label="nominated">0</td>' in row
    assert free.title in page


def test_a_quota_of_one_seat_is_one_seat(client, hod, department):
    open_programme(title="Small batch", quotas={department: 1})
    client.force_login(hod)
    page = client.get(url("programmes")).content.decode()
    assert '<td data-label="quota">1 seat, 1 left</td>' in page and "1 seats" not in page


def test_programme_list_when_nothing_is_open(client, hod):
    client.force_login(hod)
    assert "No programme is taking nominations" in text(client.get(url("programmes")))


def test_programme_list_queries_do_not_grow(
    client, hod, other_hod, department, other_department, django_assert_num_queries
):
    first = open_programme(quotas={department: 5})
    nominate(first, staff(department, 1), hod=hod)
    client.force_login(hod)
    small = queries(client, url("programmes"))
    for n in range(4):
        programme = open_programme(quotas={department: 5, other_department: 5})
        nominate(programme, staff(department, 3, prefix=f"R{n}"), hod=hod)
        nominate(programme, staff(other_department, 2, prefix=f"H{n}"), hod=other_hod)
    with django_assert_num_queries(small):
        response = client.get(url("programmes"))
    assert len(response.context["programmes"]) == 5


# ------------------------------------------------------------------ nominate one by one
def test_nominate_page_lists_only_eligible_officers_of_the_department(
    client, hod, department, other_department
):
    programme = open_programme(levels=["cutting_edge"])
    eligible = staff(department, 2)
    already = staff(department, 1, prefix="NOM")[0]
    nominate(programme, [already], hod=hod)
    top = staff(department, 1, prefix="TOP", level="top")[0]
    inactive = staff(department, 1, prefix="OFF", is_active=False)[0]
    outsider = staff(other_department, 1, prefix="HLT")[0]
    client.force_login(hod)
    page = client.get(url("nominate", programme.pk)).content.decode()
    assert listed_ids(page) == {o.pk for o in eligible}
    assert not {already.pk, top.pk, inactive.pk, outsider.pk} & listed_ids(page)
    assert checked_ids(page) == set()


def test_nominate_page_search_by_name_or_code(client, hod, department):
    programme = open_programme()
    people = staff(department, 3)
    people[1].first_name = "Sunita"
    people[1].save()
    client.force_login(hod)
    for query in ("sunita", "REV001", "rev001"):
        page = client.get(url("nominate", programme.pk), {"q": query}).content.decode()
        assert listed_ids(page) == {people[1].pk}, query
    page = client.get(url("nominate", programme.pk), {"q": "nobody"}).content.decode()
    assert listed_ids(page) == set() and "No eligible officer" in page


def test_nominate_page_is_paginated(client, hod, department):
    programme = open_programme()
    people = staff(department, 55)
    client.force_login(hod)
    first = listed_ids(client.get(url("nominate", programme.pk)).content.decode())
    second = listed_ids(client.get(url("nominate", programme.pk), {"page": 2}).content.decode())
    assert len(first) == 50 and len(second) == 5
    assert first | second == {o.pk for o in people}
    assert listed_ids(client.get(url("nominate", programme.pk), {"page": "x"}).content.decode())


def test_hod_nominates_the_selected_officers_with_a_note(
    client, hod, department, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme()
    people = staff(department, 3)
    client.force_login(hod)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("nominate", programme.pk),
            {"officers": [people[0].pk, people[2].pk, people[0].pk], "note": "CM window desk"},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == url("department")
    assert "2 officers nominated" in " ".join(messages_of(response))
    nominations = Nomination.objects.order_by("officer__employee_code")
    assert [n.officer for n in nominations] == [people[0], people[2]]
    assert all(n.note == "CM window desk" and n.nominated_by == hod for n in nominations)
    assert all(n.state == S.SUBMITTED and n.department == department for n in nominations)
    assert AuditEntry.objects.filter(action="nomination.created").count() == 2
    assert len(mailoutbox) == 4  # the officer and the HOD for each


def test_nominate_is_all_or_nothing_and_shows_each_refusal(
    client, hod, department, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme(levels=["cutting_edge"])
    fine = staff(department, 2)
    taken = staff(department, 1, prefix="NOM")[0]
    top = staff(department, 1, prefix="TOP", level="top")[0]
    nominate(programme, [taken], hod=hod)
    mailoutbox.clear()
    client.force_login(hod)
    chosen = [fine[0].pk, taken.pk, fine[1].pk, top.pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("nominate", programme.pk), {"officers": chosen, "note": "batch"}, follow=True
        )
    assert response.status_code == 200 and not response.redirect_chain
    assert Nomination.objects.count() == 1  # only the earlier one
    assert AuditEntry.objects.filter(action="nomination.created").count() == 1
    assert mailoutbox == []
    page = response.content.decode()
    summary = error_summary(page)
    assert "Nothing was nominated" in summary
    # each refusal in the summary links to the officer's box, which points at it
    for officer in (taken, top):
        assert f'<a href="#s{officer.pk}">' in summary
        assert f'aria-describedby="refusal-{officer.pk}" aria-invalid="true"' in page
    assert "already has a nomination for this programme" in page
    assert "is not at a level this programme is for" in page
    # the selection is kept, each officer ticked once, the note too
    assert checked_ids(page) == set(chosen)
    assert page.count(f'value="{fine[0].pk}"') == 1
    assert "batch</textarea>" in page
    # the HOD unticks the two refused officers and submits again
    response = client.post(url("nominate", programme.pk), {"officers": [fine[0].pk, fine[1].pk]})
    assert response.status_code == 302
    assert set(Nomination.objects.values_list("officer_id", flat=True)) == {
        taken.pk,
        fine[0].pk,
        fine[1].pk,
    }


def error_summary(page: str) -> str:
    """The page's error summary: an alert that the page script focuses on load."""
    match = re.search(
        r'<div id="form-errors" class="error-summary" role="alert" tabindex="-1">(.*?)</div>',
        page,
        re.S,
    )
    assert match, "no error summary"
    assert "js/error-summary.js" in page
    return match.group(1)


def test_nominate_without_a_selection_or_with_a_too_long_note(client, hod, department):
    programme = open_programme()
    officer = staff(department, 1)[0]
    client.force_login(hod)
    response = client.post(url("nominate", programme.pk), {"note": "x"}, follow=True)
    page = response.content.decode()
    # announced in the error summary, linked to the list and tied to it
    summary = error_summary(page)
    assert '<a href="#eligible-officers">Select at least one officer.</a>' in summary
    assert (
        '<fieldset id="eligible-officers" class="has-error" aria-describedby="officers-error">'
        in page
    )
    assert '<p class="field-error" id="officers-error">Select at least one officer.</p>' in page
    assert messages_of(response) == []  # not a passing message any more
    page = client.post(
        url("nominate", programme.pk), {"officers": [officer.pk], "note": "x" * 501}
    ).content.decode()
    assert "field-error" in page and checked_ids(page) == {officer.pk}
    assert not Nomination.objects.exists()


def test_nominate_page_queries_do_not_grow(client, hod, department, django_assert_num_queries):
    programme = open_programme(capacity=100)
    nominate(programme, staff(department, 1, prefix="NOM"), hod=hod)
    staff(department, 2)
    client.force_login(hod)
    address = url("nominate", programme.pk)
    small = queries(client, address)
    nominate(programme, staff(department, 20, prefix="NOX"), hod=hod)
    staff(department, 70, start=2)
    with django_assert_num_queries(small):
        page = client.get(address).content.decode()
    assert len(listed_ids(page)) == 50


# ------------------------------------------------------------------ department list
def test_department_list_filters_search_and_pages(client, hod, cell_admin, department):
    first = open_programme(title="First batch")
    second = open_programme(title="Second batch")
    people = staff(department, 30)
    nominate(first, people[:27], hod=hod)
    items = nominate(second, people[27:], hod=hod)
    services.decide(nomination=items[0], decision=S.APPROVED, actor=cell_admin)
    client.force_login(hod)
    response = client.get(url("department"))
    assert response.context["page"].paginator.count == 30
    assert len(response.context["page"].object_list) == 25
    assert len(client.get(url("department"), {"page": 2}).context["page"].object_list) == 5
    page = response.content.decode()
    assert f'<option value="{first.pk}"' in page and f'<option value="{second.pk}"' in page
    by_programme = client.get(url("department"), {"programme": second.pk}).context["page"]
    assert {n.officer for n in by_programme} == set(people[27:])
    approved = client.get(url("department"), {"state": "approved"}).context["page"]
    assert [n.pk for n in approved] == [items[0].pk]
    found = client.get(url("department"), {"q": "REV029"}).context["page"]
    assert [n.officer for n in found] == [people[29]]
    # unknown filter values are ignored, not errors
    ignored = client.get(url("department"), {"state": "nonsense", "programme": "x", "page": "z"})
    assert ignored.status_code == 200 and ignored.context["page"].paginator.count == 30


def test_department_list_offers_actions_by_state(client, hod, department):
    programme = open_programme()
    submitted, approved, rejected = nominate(programme, staff(department, 3), hod=hod)
    for item, state in ((approved, S.APPROVED), (rejected, S.REJECTED)):
        Nomination.objects.filter(pk=item.pk).update(state=state)
    client.force_login(hod)
    page = client.get(url("department")).content.decode()
    assert url("withdraw", submitted.pk) in page and url("substitute", submitted.pk) not in page
    assert url("withdraw", approved.pk) in page and url("substitute", approved.pk) in page
    assert url("withdraw", rejected.pk) not in page and url("substitute", rejected.pk) not in page


def test_department_csv_export_is_spreadsheet_safe(client, hod, department):
    programme = open_programme()
    officer = staff(department, 1)[0]
    services.nominate(programme=programme, officer=officer, actor=hod, note="=cmd|'/c calc'!A1")
    client.force_login(hod)
    response = client.get(url("department"), {"format": "csv", "q": "REV000"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Programme code,Programme,Starts")
    assert len(lines) == 2
    assert programme.code in lines[1] and "REV000" in lines[1] and "Submitted" in lines[1]
    assert "'=cmd|" in lines[1] and ",=cmd" not in lines[1]


def test_department_list_queries_do_not_grow(
    client, hod, cell_admin, department, django_assert_num_queries
):
    programme = open_programme(capacity=50)
    nominate(programme, staff(department, 1), hod=hod)
    client.force_login(hod)
    small = queries(client, url("department"))
    items = nominate(programme, staff(department, 30, start=1), hod=hod)
    for item in items[:5]:
        services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    for _ in range(3):
        nominate(open_programme(), staff(department, 2, prefix=f"X{_}"), hod=hod)
    with django_assert_num_queries(small):
        response = client.get(url("department"))
    assert len(response.context["page"].object_list) == 25


# ------------------------------------------------------------------ withdraw
def test_withdraw_asks_first_then_frees_the_seat_for_the_waitlist(
    client, hod, cell_admin, department
):
    programme = open_programme(capacity=1)
    first, second = nominate(programme, staff(department, 2), hod=hod)
    services.decide(nomination=first, decision=S.APPROVED, actor=cell_admin)
    services.decide(nomination=second, decision=S.WAITLISTED, actor=cell_admin)
    client.force_login(hod)
    page = client.get(url("withdraw", first.pk)).content.decode()
    assert "Withdraw this nomination?" in page and "Yes, withdraw" in page
    assert Nomination.objects.get(pk=first.pk).state == S.APPROVED
    response = client.post(url("withdraw", first.pk), {"note": "Transferred"}, follow=True)
    assert response.redirect_chain[-1][0] == url("department")
    assert Nomination.objects.get(pk=first.pk).state == S.WITHDRAWN
    assert Nomination.objects.get(pk=second.pk).state == S.APPROVED
    entry = AuditEntry.objects.get(to_state=S.WITHDRAWN)
    assert entry.actor == hod and entry.note == "Transferred"


def test_withdraw_of_a_closed_nomination_is_refused(client, hod, department):
    programme = open_programme()
    (item,) = nominate(programme, staff(department, 1), hod=hod, state=S.REJECTED)
    client.force_login(hod)
    for response in (
        client.get(url("withdraw", item.pk), follow=True),
        client.post(url("withdraw", item.pk), follow=True),
    ):
        assert "cannot be withdrawn" in " ".join(messages_of(response))
    assert Nomination.objects.get(pk=item.pk).state == S.REJECTED


# ------------------------------------------------------------------ substitute
def test_substitute_offers_eligible_officers_of_the_department_only(
    client, hod, cell_admin, department, other_department
):
    programme = open_programme(capacity=2, levels=["cutting_edge"])
    holder, replacement, nominated = staff(department, 3)
    top = staff(department, 1, prefix="TOP", level="top")[0]
    outsider = staff(other_department, 1, prefix="HLT")[0]
    item, _ = nominate(programme, [holder, nominated], hod=hod)
    services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    client.force_login(hod)
    response = client.get(url("substitute", item.pk))
    offered = set(response.context["form"].fields["replacement"].queryset)
    assert offered == {replacement}
    for officer in (outsider, top, nominated):
        page = client.post(url("substitute", item.pk), {"replacement": officer.pk}).content.decode()
        assert "Choose an eligible officer of your department" in page
    assert Nomination.objects.get(pk=item.pk).state == S.APPROVED
    response = client.post(
        url("substitute", item.pk), {"replacement": replacement.pk, "note": "On leave"}
    )
    assert response.status_code == 302
    assert Nomination.objects.get(pk=item.pk).state == S.SUBSTITUTED
    new = Nomination.objects.get(officer=replacement)
    assert new.state == S.APPROVED and new.substitute_for_id == item.pk
    assert Nomination.objects.filter(state__in=[S.APPROVED, S.CONFIRMED]).count() == 1


def test_substitute_of_a_nomination_without_a_seat_is_refused(client, hod, department):
    programme = open_programme()
    (item,) = nominate(programme, staff(department, 1), hod=hod)
    staff(department, 1, start=1)
    client.force_login(hod)
    response = client.get(url("substitute", item.pk), follow=True)
    assert "Only an approved or confirmed nomination can be substituted." in messages_of(response)
    assert Nomination.objects.count() == 1


def test_substitute_after_the_window_shows_the_services_refusal(
    client, hod, cell_admin, department
):
    programme = open_programme()
    (item,) = nominate(programme, staff(department, 1), hod=hod)
    services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    spare = staff(department, 1, start=1)[0]
    from courses.models import Programme

    Programme.objects.filter(pk=programme.pk).update(
        nomination_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(hod)
    page = client.post(url("substitute", item.pk), {"replacement": spare.pk}).content.decode()
    assert "Substitutions close with the nomination window." in page
    assert Nomination.objects.get(pk=item.pk).state == S.APPROVED


# ------------------------------------------------------------------ navigation
def test_nav_links_by_role(client, hod, trainee):
    client.force_login(hod)
    page = client.get(url("department")).content.decode()
    assert f'href="{url("programmes")}">Nominate<' in page
    assert f'href="{url("mine")}">My nominations<' in page
    client.force_login(trainee)
    page = client.get(url("mine")).content.decode()
    assert f'href="{url("mine")}">My nominations<' in page
    assert f'href="{url("programmes")}"' not in page
