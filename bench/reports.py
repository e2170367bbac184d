"""The DARPG report at scale: 1,000,000 participation records on PostgreSQL.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/sevottam .venv/bin/python bench/reports.py

Generates (set-based INSERT ... SELECT generate_series, so it takes seconds) 100,000 officers
in 13 departments, 20,000 completed programmes spread over ten financial years and 50
completion records each (with the officer's facts stored on each), and three imported years
(one overlapping), then times the year-wise table and FY breakdowns (target: under 2 s each)."""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

OFFICERS, PROGRAMMES, PER_PROGRAMME = 100_000, 20_000, 50


def main():
    from bench_db import migrated_postgres

    if not migrated_postgres("bench/reports.py", suffix="reportbench"):
        return
    from django.db import connection

    from lms.departments.models import Department
    from reports import selectors
    from tests.factories import build_course

    course = build_course(modules=1, lessons_per_module=1)
    departments = [
        Department.objects.create(code=f"D{n:02d}", name=f"Department {n}") for n in range(13)
    ]
    first_department = departments[0].pk
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email,
                   is_staff, is_active, date_joined, designation, level, department_id, gender, mobile,
                   preferred_language, extra_time_factor, two_factor_enabled, cadre, name_hi,
                   designation_hi)
               SELECT '!', false, 'o' || g, 'Officer', g::text, '', false, true, now(), 'Clerk',
                   (ARRAY['top','middle','cutting_edge','cutting_edge'])[1 + g %% 4], %s + g %% 13,
                   (ARRAY['female','male'])[1 + g %% 2], '', 'en', 1, false, '', '', ''
               FROM generate_series(1, %s) g""",
            [first_department, OFFICERS],
        )
        cursor.execute("SELECT min(id) FROM accounts_user WHERE username LIKE %s", ["o%"])
        first_officer = cursor.fetchone()[0]
        cursor.execute(
            """INSERT INTO courses_programme (course_id, title, code, mode, venue, online_link, capacity,
                   nomination_opens_at, nomination_closes_at, starts_on, ends_on, target_levels, status,
                   min_attendance_percent, requires_online_completion, requires_post_test_pass, created_at,
                   updated_at)
               SELECT %s, 'Batch ' || g, 'B/' || g, (ARRAY['classroom','online','hybrid'])[1 + g %% 3], 'HIPA', '',
                   60, now() - interval '20 days', now() - interval '10 days',
                   date '2015-04-01' + (g %% 3650), date '2015-04-02' + (g %% 3650), '[]', 'completed', 75,
                   false, false, now(), now()
               FROM generate_series(1, %s) g""",
            [course.pk, PROGRAMMES],
        )
        cursor.execute("SELECT min(id) FROM courses_programme")
        first_programme = cursor.fetchone()[0]
        # Each record stores the officer's facts at the time of training (OfficerFacts).
        cursor.execute(
            """INSERT INTO nominations_nomination (programme_id, officer_id, department_id, state, note,
                   reason, created_at, state_changed_at, officer_level, officer_gender,
                   officer_designation, officer_cadre, withdrawal_reason)
               SELECT r.programme_id, u.id, u.department_id, 'attended', '', '', now(), now(),
                   u.level, u.gender, u.designation, '', ''
               FROM (SELECT %s + p AS programme_id, %s + ((p * %s + i) %% %s) AS officer_id
                     FROM generate_series(0, %s - 1) p, generate_series(0, %s - 1) i) r
               JOIN accounts_user u ON u.id = r.officer_id""",
            [first_programme, first_officer, PER_PROGRAMME, OFFICERS, PROGRAMMES, PER_PROGRAMME],
        )
        # Imported past years, one of which (2015-16) also has programmes recorded here.
        cursor.execute(
            """INSERT INTO reports_historicalfigure (financial_year, programmes, participants,
                   source, counting, entered_at)
               VALUES ('2013-14', 5, 78, 'bench', 'imported', now()),
                      ('2014-15', 20, 1706, 'bench', 'imported', now()),
                      ('2015-16', 15, 809, 'bench', 'both', now())"""
        )
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM nominations_nomination")
        records = cursor.fetchone()[0]
    print(
        f"generated {records:,} participation records, {PROGRAMMES:,} programmes, "
        f"{OFFICERS:,} officers in {time.perf_counter() - started:.1f} s"
    )

    def timed(label, function):
        best = None
        for _ in range(3):
            t0 = time.perf_counter()
            result = function()
            elapsed = time.perf_counter() - t0
            best = elapsed if best is None else min(best, elapsed)
        print(f"{label:<40} {best:6.2f} s (best of 3)")
        return result

    table = timed("year-wise table (all years + TOTAL)", selectors.yearly_table)
    print(
        f"  TOTAL: {table['total']['programmes']:,} programmes, {table['total']['participants']:,} "
        f"participants, {table['total']['unique_officers'] or 0:,} unique officers"
    )
    total = table["total"]
    print(f"  unique officers counted over {total['unique_years']} of {total['years']} years")
    timed("FY 2020-21 by department", lambda: selectors.breakdown("2020-21", "department"))
    timed("FY 2020-21 by level", lambda: selectors.breakdown("2020-21", "level"))
    timed("FY 2020-21 summary", lambda: selectors.fy_summary("2020-21"))


if __name__ == "__main__":
    main()
