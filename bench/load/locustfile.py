"""Locust scenario for ``make bench-load`` (run by bench/load/run.py, which writes the plan).

Every simulated user is a trainee (signed-in session) who also, now and then, acts for an
HOD (a second session), with no think time (closed loop: concurrency = users):

    lesson page                8   a random lesson of the 65-lesson course
    catalogue                  2   /courses/
    course outline             1
    quiz page                  3   GET the open attempt, page 1 or 2
    quiz save (POST)           3   the page's background autosave: 5 answers, CSRF, JSON back
    certificate verify         1   /verify/<serial>/ of an issued certificate
    HOD nominate page          1   the officer picker
    HOD nominate (POST)        2   one officer to a programme, CSRF, 302 (emails queued)

Environment: LOAD_PLAN (the plan's JSON file), LOAD_SLICE and LOAD_SLICES (which share of
the officer-programme pairs this run may nominate, so that runs never repeat a pair)."""

import itertools
import json
import os
import random
from http.cookiejar import Cookie

from locust import FastHttpUser, constant, task
from locust.contrib.fasthttp import FastHttpSession

PLAN = json.load(open(os.environ["LOAD_PLAN"]))  # noqa: SIM115
_share = len(PLAN["nominations"]) // int(os.environ.get("LOAD_SLICES", "1"))
_start = _share * int(os.environ.get("LOAD_SLICE", "0"))
NOMINATIONS = iter(PLAN["nominations"][_start : _start + _share])
TRAINEES = itertools.cycle(PLAN["trainees"])
HODS = PLAN["hods"]


def _sign_in(session: FastHttpSession, cookies: dict, host: str) -> None:
    for name, value in cookies.items():
        session.cookiejar.set_cookie(
            Cookie(
                0,
                name,
                value,
                None,
                False,
                host,
                False,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {},
            )  # fmt: skip
        )


class Officer(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        host = self.host.split("//", 1)[1].split(":")[0].split("/")[0]
        self.me = next(TRAINEES)
        self.csrf = self.me["cookies"]["csrftoken"]
        _sign_in(self.client, self.me["cookies"], host)
        self.hod_sessions = {}
        for hod in HODS:
            session = FastHttpSession(
                self.host, request_event=self.environment.events.request, user=self
            )
            _sign_in(session, hod["cookies"], host)
            self.hod_sessions[hod["department"]] = (session, hod["cookies"]["csrftoken"])
        self.hod_by_index = [self.hod_sessions[h["department"]] for h in HODS]
        # A visitor who is not signed in (a signed-in one is sent on from the sign-in page).
        self.anonymous = FastHttpSession(
            self.host, request_event=self.environment.events.request, user=self
        )

    @task(8)
    def lesson(self):
        self.client.get(random.choice(PLAN["lessons"]), name="lesson page")

    @task(1)
    def sign_in_page(self):
        # The floor of a Django request here: anonymous, no query.
        self.anonymous.get("/accounts/login/", name="sign-in page")

    @task(2)
    def catalogue(self):
        self.client.get(PLAN["catalogue"], name="catalogue")

    @task(1)
    def course(self):
        self.client.get(PLAN["course"], name="course outline")

    @task(3)
    def quiz_page(self):
        page = random.choice(["1", "2"])
        self.client.get(
            f"/assessments/attempts/{self.me['attempt']}/?page={page}", name="quiz page"
        )

    @task(3)
    def quiz_save(self):
        page = random.choice(["1", "2"])
        data = {"csrfmiddlewaretoken": self.csrf, "autosave": "1"}
        for question in self.me["pages"][page]:
            data[f"q{question}"] = random.choice("abcd")
        url = f"/assessments/attempts/{self.me['attempt']}/?page={page}"
        with self.client.post(url, data=data, name="quiz save (POST)", catch_response=True) as r:
            if r.status_code != 200 or b'"saved": true' not in r.content:
                r.failure(f"{r.status_code} {r.content[:120]!r}")

    @task(1)
    def verify(self):
        self.client.get(f"/verify/{random.choice(PLAN['serials'])}/", name="certificate verify")

    @task(1)
    def nominate_page(self):
        session, _csrf = random.choice(self.hod_by_index)
        session.get(
            f"/nominations/programmes/{random.choice(PLAN['programmes'])}/nominate/",
            name="HOD nominate page",
        )

    @task(2)
    def nominate(self):
        pair = next(NOMINATIONS, None)
        if pair is None:
            return  # this run's share of officers is used up
        hod, programme, officer = pair
        session, csrf = self.hod_by_index[hod]
        url = f"/nominations/programmes/{programme}/nominate/"
        with session.post(
            url,
            data={"csrfmiddlewaretoken": csrf, "officers": str(officer), "note": ""},
            name="HOD nominate (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                response.success()
            else:
                response.failure(f"{response.status_code}")
