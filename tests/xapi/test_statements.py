"""The statement builders against the xAPI 1.0.3 shape (no database, no store)."""

import datetime
import uuid

from xapi import statements as build
from xapi.enums import VERBS, ActivityType

HOME = "https://hrms.example.gov.in"
SITE = "https://lms.example.gov.in"
WHEN = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def passed_statement():
    course = build.activity(
        id=f"{SITE}/xapi/activities/page/7/", name="Citizen's Charter", type=ActivityType.COURSE
    )
    test = build.activity(
        id=f"{SITE}/assessments/3/",
        name="Post-test",
        type=ActivityType.ASSESSMENT,
        description="Post-test",
    )
    return build.statement(
        id=build.statement_id(homepage=HOME, key="attempt:9:result"),
        actor=build.actor(homepage=HOME, employee_code="HR-1042", username="pooja"),
        verb=build.verb("passed"),
        object=test,
        timestamp=WHEN,
        result=build.result(raw="7.50", max="10.00", success=True, completion=True),
        context=build.context(
            site=SITE, parent=[course], department={"code": "REV", "name": "Revenue"}
        ),
    )


def test_a_statement_has_the_xapi_shape():
    s = passed_statement()
    assert uuid.UUID(s["id"]).version == 5
    assert s["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": HOME, "name": "HR-1042"},
    }
    assert s["verb"] == {
        "id": "http://adlnet.gov/expapi/verbs/passed",
        "display": {"en-US": "passed"},
    }
    assert s["object"] == {
        "objectType": "Activity",
        "id": f"{SITE}/assessments/3/",
        "definition": {
            "name": {"en-US": "Post-test"},
            "description": {"en-US": "Post-test"},
            "type": "http://adlnet.gov/expapi/activities/assessment",
        },
    }
    assert s["result"] == {
        "score": {"scaled": 0.75, "raw": 7.5, "min": 0, "max": 10},
        "success": True,
        "completion": True,
    }
    assert s["context"]["contextActivities"] == {
        "parent": [
            {
                "objectType": "Activity",
                "id": f"{SITE}/xapi/activities/page/7/",
                "definition": {
                    "name": {"en-US": "Citizen's Charter"},
                    "type": "http://adlnet.gov/expapi/activities/course",
                },
            }
        ]
    }
    assert s["context"]["extensions"] == {
        f"{SITE}/xapi/extensions/department": {"code": "REV", "name": "Revenue"}
    }
    assert s["timestamp"] == "2026-03-02T09:30:00+00:00"
    assert set(s) == {"id", "actor", "verb", "object", "result", "context", "timestamp"}


def test_the_same_event_has_the_same_id_on_one_platform_only():
    one = build.statement_id(homepage=HOME, key="attempt:9:result")
    assert one == build.statement_id(homepage=HOME + "/", key="attempt:9:result")
    assert one != build.statement_id(homepage=HOME, key="attempt:10:result")
    assert one != build.statement_id(
        homepage="https://other.example.gov.in", key="attempt:9:result"
    )


def test_actor_by_account_unless_email_is_chosen():
    plain = build.actor(homepage=HOME, employee_code=None, username="pooja", email="p@x.gov.in")
    assert plain == {"objectType": "Agent", "account": {"homePage": HOME, "name": "pooja"}}
    assert build.actor_key(plain) == "pooja"
    by_mail = build.actor(
        homepage=HOME, employee_code="HR-1", username="p", email="p@x.gov.in", by_email=True
    )
    assert by_mail == {"objectType": "Agent", "mbox": "mailto:p@x.gov.in"}
    assert build.actor_key(by_mail) == "p@x.gov.in"
    # Without an email address the account is used even when email is chosen.
    no_mail = build.actor(homepage=HOME, employee_code="HR-1", username="p", by_email=True)
    assert no_mail["account"]["name"] == "HR-1"


def test_verbs_are_adl_and_any_iri_is_accepted():
    for key in ("registered", "launched", "completed", "attempted", "passed", "failed"):
        assert build.verb(key)["id"] == f"http://adlnet.gov/expapi/verbs/{key}"
    assert build.verb("attended")["id"] == "http://adlnet.gov/expapi/verbs/attended"
    assert build.verb("earned") == {
        "id": VERBS["earned"][0],
        "display": {"en-US": "earned"},
    }
    other = build.verb("http://adlnet.gov/expapi/verbs/progressed")
    assert other == {
        "id": "http://adlnet.gov/expapi/verbs/progressed",
        "display": {"en-US": "progressed"},
    }


def test_results_and_contexts_leave_out_what_is_not_known():
    assert build.result(completion=True) == {"completion": True}
    assert build.result(raw=62.5, max=100) == {
        "score": {"scaled": 0.625, "raw": 62.5, "min": 0, "max": 100}
    }
    assert build.result(raw=3, max=0) == {}  # no score out of nothing
    assert build.context(site=SITE) == {"platform": "Sevottam LMS"}
    grouping = build.activity(id=f"{SITE}/x/", name="X", type=ActivityType.MODULE)
    assert build.context(site=SITE, grouping=[grouping])["contextActivities"] == {
        "grouping": [grouping]
    }
    assert (
        build.activity_type(site=SITE, kind=ActivityType.CERTIFICATE)
        == f"{SITE}/xapi/activity-types/certificate"
    )
