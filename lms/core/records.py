"""Records are not content: what officers did (enrolments, completions, nominations,
attendance, attempts, practice sessions, certificates, audit entries, accounts) is kept out
of Wagtail's reference index.

Wagtail indexes every model with a foreign key, so that its "Usage" tab can say which
objects point at a page, image, document or snippet. For records that is work on every
write (a sign-in updates ``last_login``; a lesson visit, an answer, an issued certificate)
and it would list thousands of enrolments as "usages" of a course page. Each model below
sets ``wagtail_reference_index_ignore = True``; content (pages, snippets, programmes,
tests, rulebooks, scenarios, SCORM packages, training rules) stays indexed. A test holds
the list to the models (tests/core/test_records.py); migration ``core 0003`` removes the
rows the index held for them."""

RECORD_MODELS = (
    "core.AuditEntry",
    "accounts.User",
    "courses.Enrolment",
    "courses.LessonCompletion",
    "nominations.Nomination",
    "nominations.Attendance",
    "certificates.Certificate",
    "certificates.IssueRun",
    "compliance.RoleHeld",
    "compliance.Exemption",
    "compliance.Reminder",
    "compliance.ComplianceSnapshot",
    "assessments.Attempt",
    "assessments.FeedbackResponse",
    "simulator.PracticeSession",
    "simulator.Grievance",
    "simulator.GrievanceEvent",
    "simulator.ScheduledEvent",
    "simulator.ScoreDeduction",
    "scorm.ScormAttempt",
)
