"""Mandatory-training compliance at state scale on PostgreSQL: 100,000 officers x 5 rules.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/sevottam .venv/bin/python bench/compliance.py

Generates (set-based INSERT ... SELECT generate_series) 100,000 officers in 20 departments,
each holding one or two statutory roles, 2,000 finalised programmes of four courses with 50
attended officers each, 50,000 online completions and 5,000 revoked certificates, then times
``compliance.selectors.state_counts`` for the whole state (every officer on every rule, by
department and state: the cell's view) and one department's list (the HOD's page). Target:
under 2 s for the state."""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

OFFICERS, DEPARTMENTS, PROGRAMMES, PER_PROGRAMME, ONLINE, REVOKED = (
    100_000,
    20,
    2_000,
    50,
    50_000,
    5_000,
)
KINDS = ["rts_designated_officer", "first_appellate", "second_appellate", "gro", "pg_nodal"]


def generate(connection, courses, departments):
    first_department = departments[0].pk
    course_ids = [course.pk for course in courses]
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name,
                   email, is_staff, is_active, date_joined, designation, level, department_id,
                   gender, mobile, preferred_language, extra_time_factor, two_factor_enabled,
                   cadre, name_hi, designation_hi)
               SELECT '!', false, 'c' || g, 'Officer', g::text, '', false, true, now(),
                   (ARRAY['Tehsildar','Clerk','Deputy Director','Block Officer'])[1 + g %% 4],
                   (ARRAY['top','middle','cutting_edge','cutting_edge'])[1 + g %% 4],
                   %s + g %% %s, 'female', '', 'en', 1, false, '', '', ''
               FROM generate_series(1, %s) g""",
            [first_department, DEPARTMENTS, OFFICERS],
        )
        cursor.execute("SELECT min(id) FROM accounts_user WHERE username LIKE 'c%%'")
        first = cursor.fetchone()[0]
        # Everyone holds one role; every third officer a second one, started on spread days.
        cursor.execute(
            """INSERT INTO compliance_roleheld (officer_id, kind, scope, from_date, to_date,
                   updated_at)
               SELECT %s + g, (%s::text[])[1 + g %% 5], 'Office ' || (g %% 300),
                   date '2016-01-01' + (g * 7 %% 3200),
                   CASE WHEN g %% 17 = 0 THEN date '2025-01-01' END, now()
               FROM generate_series(0, %s - 1) g
               UNION ALL
               SELECT %s + g, (%s::text[])[1 + (g + 2) %% 5], '', date '2022-06-01' + (g %% 1450),
                   NULL, now()
               FROM generate_series(0, %s - 1, 3) g""",
            [first, KINDS, OFFICERS, first, KINDS, OFFICERS],
        )
        cursor.execute(
            """INSERT INTO courses_programme (course_id, title, code, mode, venue, online_link,
                   capacity, nomination_opens_at, nomination_closes_at, starts_on, ends_on,
                   target_levels, status, min_attendance_percent, requires_online_completion,
                   requires_post_test_pass, created_at, updated_at)
               SELECT (%s::int[])[1 + g %% 4], 'Batch ' || g, 'CB/' || g, 'classroom', 'HIPA', '',
                   60, now() - interval '20 days', now() - interval '10 days',
                   date '2017-04-01' + (g * 3 %% 3400), date '2017-04-02' + (g * 3 %% 3400), '[]',
                   'completed', 75, false, false, now(), now()
               FROM generate_series(1, %s) g""",
            [course_ids, PROGRAMMES],
        )
        cursor.execute("SELECT min(id) FROM courses_programme WHERE code LIKE 'CB/%%'")
        first_programme = cursor.fetchone()[0]
        cursor.execute(
            """INSERT INTO nominations_nomination (programme_id, officer_id, department_id, state,
                   note, reason, created_at, state_changed_at, officer_level, officer_gender,
                   officer_designation, officer_cadre, withdrawal_reason)
               SELECT r.programme_id, u.id, u.department_id,
                   CASE WHEN r.i %% 10 = 0 THEN 'no_show' ELSE 'attended' END, '', '', now(),
                   now(), u.level, u.gender, u.designation, '', ''
               FROM (SELECT %s + p AS programme_id, i, %s + ((p * %s + i) %% %s) AS officer_id
                     FROM generate_series(0, %s - 1) p, generate_series(0, %s - 1) i) r
               JOIN accounts_user u ON u.id = r.officer_id""",
            [first_programme, first, PER_PROGRAMME, OFFICERS, PROGRAMMES, PER_PROGRAMME],
        )
        cursor.execute(
            """INSERT INTO courses_enrolment (user_id, course_id, source, enrolled_at,
                   completed_at, last_activity_at, department_id, officer_level, officer_gender,
                   officer_designation, officer_cadre)
               SELECT %s + (g * 2 %% %s), (%s::int[])[1 + g %% 4], 'self', now(),
                   timestamptz '2019-01-01 10:00+05:30' + (g %% 2500) * interval '1 day',
                   now(), NULL, '', '', '', ''
               FROM generate_series(0, %s - 1) g""",
            [first, OFFICERS, course_ids, ONLINE],
        )
        cursor.execute(
            """INSERT INTO certificates_certificate (serial, number, holder_id, holder_name,
                   holder_name_hi, designation, designation_hi, department_name,
                   department_name_hi, course_id, course_title, course_title_hi, programme_id,
                   hours, grade, issued_on, status, revoked_at, revoked_reason, pdf, created_at)
               SELECT 'bench' || n.id, 'BENCH/' || n.id, n.officer_id, '', '', '', '', '', '',
                   p.course_id, '', '', n.programme_id, 6, '', p.ends_on, 'revoked', now(),
                   'bench', '', now()
               FROM nominations_nomination n JOIN courses_programme p ON p.id = n.programme_id
               WHERE n.state = 'attended' ORDER BY n.id LIMIT %s""",
            [REVOKED],
        )
        cursor.execute("ANALYZE")


def main():
    from bench_db import migrated_postgres

    if not migrated_postgres("bench/compliance.py", suffix="compliancebench"):
        return
    import datetime

    from django.db import connection

    from compliance import selectors
    from compliance.models import TrainingRule
    from lms.departments.models import Department
    from tests.factories import build_course

    courses = [build_course(modules=1, lessons_per_module=1) for _ in range(4)]
    departments = [
        Department.objects.create(code=f"C{n:02d}", name=f"Department {n}")
        for n in range(DEPARTMENTS)
    ]
    started = time.perf_counter()
    generate(connection, courses, departments)
    print(
        f"generated {OFFICERS:,} officers, {PROGRAMMES * PER_PROGRAMME:,} programme records, "
        f"{ONLINE:,} online completions in {time.perf_counter() - started:.1f} s"
    )
    specs = [
        ("RTS designated officers", ["rts_designated_officer"], "", [0], 3),
        ("Appellate authorities", ["first_appellate", "second_appellate"], "", [0, 1], 3),
        ("Grievance redress officers", ["gro"], "", [1], 2),
        ("Public-grievance nodal officers", ["pg_nodal", "cmw_nodal"], "", [1, 2], None),
        ("Tehsildars: citizen's charter", [], "Tehsildar", [3], 5),
    ]
    for name, kinds, designation, which, years in specs:
        rule = TrainingRule.objects.create(
            name=name,
            role_kinds=kinds,
            designation=designation,
            due_within_days=180,
            valid_years=years,
            renewal_window_days=90,
            starts_on=datetime.date(2019, 4, 1),
        )
        rule.courses.set([courses[i] for i in which])
    today = datetime.date(2026, 6, 1)
    rules_list = selectors.rules_in_force()

    def timed(label, function):
        best = None
        for _ in range(3):
            t0 = time.perf_counter()
            result = function()
            elapsed = time.perf_counter() - t0
            best = elapsed if best is None else min(best, elapsed)
        print(f"{label:<58} {best:6.2f} s (best of 3)")
        return result, best

    counts, seconds = timed(
        f"state: {OFFICERS:,} officers x {len(rules_list)} rules, by department and state",
        lambda: selectors.state_counts(today=today, rules_list=rules_list),
    )
    totals = selectors.totals(counts, by=1)
    covered = sum(t["total"] for t in totals.values())
    print(f"  officer x rule pairs covered: {covered:,}")
    for rule in rules_list:
        t = totals[rule.pk]
        print(
            f"  {rule.name:<34} {t['total']:>7,} covered: {t['compliant']:>6,} compliant, "
            f"{t['due']:>6,} due, {t['overdue']:>6,} overdue, {t['not_yet_due']:>6,} not yet due"
        )
    rows, _ = timed(
        "one department's list (the HOD's page, every rule)",
        lambda: selectors.department_rows(
            department_id=departments[0].pk, today=today, rules_list=rules_list
        ),
    )
    print(f"  rows: {len(rows):,}")
    print(f"state-wide compliance: {seconds:.2f} s (target under 2 s)")
    assert seconds < 2, "state-wide compliance took 2 s or more"


if __name__ == "__main__":
    main()
