from django.db import models
from django.utils.translation import gettext_lazy as _

from . import grading


class QuestionType(models.TextChoices):
    SINGLE = grading.SINGLE, _("Single choice")
    MULTIPLE = grading.MULTIPLE, _("Multiple choice (partial credit)")
    TRUE_FALSE = grading.TRUE_FALSE, _("True / false")
    MATCHING = grading.MATCHING, _("Matching")
    ORDERING = grading.ORDERING, _("Ordering")
    SHORT_TEXT = grading.SHORT_TEXT, _("Short text")
    NUMERIC = grading.NUMERIC, _("Numeric")


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    MEDIUM = "medium", _("Medium")
    HARD = "hard", _("Hard")


class AssessmentKind(models.TextChoices):
    PRE_TEST = "pre_test", _("Pre-test")
    POST_TEST = "post_test", _("Post-test")
    MODULE_QUIZ = "module_quiz", _("Module quiz")
    PRACTICE = "practice", _("Practice")


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest attempt")
    LAST = "last", _("Last attempt")
    AVERAGE = "average", _("Average of attempts")


class ReviewPolicy(models.TextChoices):
    NEVER = "never", _("Never")
    AFTER_ATTEMPT = "after_attempt", _("After each attempt")
    AFTER_CLOSE = "after_close", _("After the assessment closes")


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    TIMED_OUT = "timed_out", _("Submitted when time ran out")
