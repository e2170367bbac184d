import html
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from lms.core.enums import Language
from lms.core.languages import canonical

from .enums import (
    AssessmentKind,
    AttemptStatus,
    Difficulty,
    GradingMethod,
    QuestionType,
    ReviewPolicy,
)

OPTION_TYPES = {QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.ORDERING}


class QuestionBank(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    topic = models.ForeignKey(
        "courses.Topic", verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("question bank")

    def __str__(self):
        return self.name


_BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|blockquote)>|<br\s*/?>)", re.IGNORECASE)


def plain_text(rich_text: str) -> str:
    """Rich text (HTML) as one line of plain text: tags dropped, entities decoded, a space
    where a paragraph, item or line ended."""
    text = html.unescape(strip_tags(_BLOCK_END.sub(r"\1 ", rich_text or "")))
    return " ".join(text.split())


class Question(models.Model):
    """One question. ``options`` are [{"id": "a", "text": "..."}] (matching: "left" and
    "right" lists); ``key`` is the answer in the shape ``assessments.grading`` expects."""

    bank = models.ForeignKey(
        QuestionBank,
        verbose_name=_("question bank"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    type = models.CharField(_("type"), max_length=16, choices=QuestionType.choices)
    stem = RichTextField(_("question"), features=["bold", "italic", "ol", "ul", "link", "image"])
    options = models.JSONField(_("options"), default=list, blank=True)
    key = models.JSONField(_("answer key"))
    explanation = models.TextField(_("explanation"), blank=True)
    difficulty = models.CharField(
        _("difficulty"), max_length=8, choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    tags = models.CharField(_("tags"), max_length=200, blank=True)
    marks = models.DecimalField(_("marks"), max_digits=5, decimal_places=2, default=Decimal("1"))

    class Meta:
        ordering = ["bank", "pk"]
        verbose_name = _("question")

    def __str__(self):
        """The listing's and the admin messages' name: the question as plain text, not the
        rich text's HTML."""
        return f"{self.get_type_display()}: {Truncator(plain_text(self.stem)).chars(60)}"

    def option_ids(self) -> list[str]:
        return [str(option.get("id")) for option in self.options if isinstance(option, dict)]

    def clean(self):
        ids = self.option_ids()
        key = self.key
        problem = None
        if self.type in OPTION_TYPES and (len(ids) < 2 or len(set(ids)) != len(ids)):
            problem = _("Give at least two options with different ids.")
        elif self.type == QuestionType.SINGLE and key not in ids:
            problem = _("The key must be one of the option ids.")
        elif self.type == QuestionType.MULTIPLE and (
            not isinstance(key, list) or not key or not set(key) <= set(ids)
        ):
            problem = _("The key must list one or more option ids.")
        elif self.type == QuestionType.ORDERING and (
            not isinstance(key, list) or sorted(key) != sorted(ids)
        ):
            problem = _("The key must list every option id in the right order.")
        elif self.type == QuestionType.TRUE_FALSE and not isinstance(key, bool):
            problem = _("The key must be true or false.")
        elif self.type == QuestionType.MATCHING and (not isinstance(key, dict) or not key):
            problem = _("The key must pair each left item with a right item.")
        elif self.type == QuestionType.SHORT_TEXT and (
            not isinstance(key, list)
            or not all(isinstance(a, str) and a.strip() for a in key)
            or not key
        ):
            problem = _("The key must list the accepted answers.")
        elif self.type == QuestionType.NUMERIC and not (
            isinstance(key, dict)
            and isinstance(key.get("value"), int | float)
            and float(key.get("tolerance", 0)) >= 0
        ):
            problem = _("The key must give a value and a tolerance of zero or more.")
        if problem:
            raise ValidationError({"key": problem})


class Assessment(ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        verbose_name=_("module"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AssessmentKind.choices)
    questions = models.ManyToManyField(
        Question, through="AssessmentQuestion", blank=True, related_name="+"
    )
    random_bank = models.ForeignKey(
        QuestionBank,
        verbose_name=_("bank for random questions"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    random_count = models.PositiveSmallIntegerField(_("random questions"), default=0)
    random_difficulty = models.CharField(
        _("difficulty of random questions"), max_length=8, choices=Difficulty.choices, blank=True
    )
    random_tag = models.CharField(_("tag of random questions"), max_length=50, blank=True)
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed (0 = unlimited)"), default=1
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=8,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=60, validators=[MaxValueValidator(100)]
    )
    review_policy = models.CharField(
        _("answers and feedback shown"),
        max_length=16,
        choices=ReviewPolicy.choices,
        default=ReviewPolicy.AFTER_ATTEMPT,
    )
    questions_per_page = models.PositiveSmallIntegerField(
        _("questions per page"), default=5, validators=[MinValueValidator(1)]
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("course"), FieldPanel("module"), FieldPanel("kind")]),
        InlinePanel("fixed_questions", heading=_("Fixed questions"), label=_("Question")),
        MultiFieldPanel(
            [
                FieldPanel("random_bank"),
                FieldRowPanel(
                    [
                        FieldPanel("random_count"),
                        FieldPanel("random_difficulty"),
                        FieldPanel("random_tag"),
                    ]
                ),
            ],
            heading=_("Questions drawn at random for each attempt"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]),
                FieldRowPanel(
                    [
                        FieldPanel("time_limit_minutes"),
                        FieldPanel("attempts_allowed"),
                        FieldPanel("questions_per_page"),
                    ]
                ),
                FieldRowPanel([FieldPanel("grading_method"), FieldPanel("pass_mark")]),
                FieldPanel("review_policy"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            ],
            heading=_("Rules"),
        ),
        InlinePanel(
            "overrides",
            heading=_("Exceptions for a person or a programme"),
            label=_("Exception"),
        ),
    ]

    class Meta:
        verbose_name = _("assessment")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Tests belong to the English version of a course (courses/localisation.py): one
        # chosen from the Hindi version is kept on the English course and module.

        if Assessment.course.is_cached(self):
            self.course = canonical(self.course)
        if Assessment.module.is_cached(self) and self.module is not None:
            self.module = canonical(self.module)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.random_count and not self.random_bank_id:
            errors["random_bank"] = _("Choose the bank to draw the random questions from.")
        if self.random_bank_id and not self.random_count:
            errors["random_count"] = _("Say how many questions to draw from the bank.")
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The assessment must close after it opens.")
        if self.module_id and self.course_id and not self.module.path.startswith(self.course.path):
            errors["module"] = _("The module must belong to the course.")
        if errors:
            raise ValidationError(errors)


class AssessmentQuestion(Orderable):
    assessment = ParentalKey(Assessment, on_delete=models.CASCADE, related_name="fixed_questions")
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.PROTECT)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)  # InlinePanel's order

    panels = [FieldPanel("question")]

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="question_once_per_assessment"
            )
        ]

    def __str__(self):
        return f"{self.assessment_id}:{self.question_id}"


class AccessOverride(models.Model):
    """More time, more attempts or a later close for one person or one programme."""

    assessment = ParentalKey(Assessment, on_delete=models.CASCADE, related_name="overrides")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    programme = models.ForeignKey(
        "courses.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    time_factor = models.DecimalField(
        _("time factor"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("1"))],
        help_text=_("1.5 gives half as much time again, on top of the officer's own factor."),
    )
    extra_attempts = models.PositiveSmallIntegerField(_("extra attempts"), default=0)
    closes_at = models.DateTimeField(_("closes later, at"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("user"), FieldPanel("programme")]),
        FieldRowPanel(
            [FieldPanel("time_factor"), FieldPanel("extra_attempts"), FieldPanel("closes_at")]
        ),
    ]

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | models.Q(programme__isnull=False),
                name="override_has_a_target",
            )
        ]

    def __str__(self):
        return f"Override for {self.user_id or self.programme_id} on {self.assessment_id}"

    def clean(self):
        if not self.user_id and not self.programme_id:
            raise ValidationError(
                {"user": _("Choose the officer or the programme this exception is for.")}
            )


class Attempt(models.Model):
    wagtail_reference_index_ignore = True  # a record: lms/core/records.py
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=12,
        choices=AttemptStatus.choices,
        default=AttemptStatus.IN_PROGRESS,
        db_index=True,
    )
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    question_ids = models.JSONField(default=list)  # the order this attempt shows them in
    option_orders = models.JSONField(default=dict)  # question id -> option ids in shown order
    answers = models.JSONField(default=dict)  # question id -> response
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        ordering = ["assessment", "user", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "user", "number"], name="attempt_number_per_user"
            ),
            models.UniqueConstraint(
                fields=["assessment", "user"],
                condition=models.Q(status="in_progress"),
                name="one_open_attempt",
            ),
        ]

    def __str__(self):
        return f"{self.user} #{self.number} {self.assessment}"


LIKERT_CHOICES = [
    (1, _("1 - Strongly disagree")),
    (2, _("2 - Disagree")),
    (3, _("3 - Neutral")),
    (4, _("4 - Agree")),
    (5, _("5 - Strongly agree")),
]


def _likert(verbose_name, *, optional: bool = False):
    return models.PositiveSmallIntegerField(
        verbose_name,
        choices=LIKERT_CHOICES,
        null=optional,
        blank=optional,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class FeedbackResponse(models.Model):
    """One trainee's reaction survey for a programme (``programme`` set) or for an online
    course taken outside a programme (``programme`` empty). ``course`` is always set.

    ``respondent`` is kept only so that the database refuses a second response; reports
    never show it, and the audit row of a response names the programme or course, not the
    response. ``venue`` is empty for online programmes and course-level surveys (and when
    a hybrid programme's respondent answers "not applicable"); ``trainer`` is empty for
    course-level surveys of self-paced online courses."""

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

    programme = models.ForeignKey(
        "courses.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback_responses",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="feedback_responses",
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = _likert(_("The content was useful and well organised"))
    trainer = _likert(_("The trainers explained clearly and answered questions"), optional=True)
    relevance = _likert(_("What I learnt is relevant to my work"))
    venue = _likert(_("The venue and arrangements were good"), optional=True)
    overall = _likert(_("Overall, the training was worth my time"))
    what_worked = models.TextField(_("What worked well"), max_length=2000, blank=True)
    what_to_improve = models.TextField(_("What could be improved"), max_length=2000, blank=True)
    submitted_on = models.DateField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "respondent"],
                condition=models.Q(programme__isnull=False),
                name="one_feedback_per_programme",
            ),
            models.UniqueConstraint(
                fields=["course", "respondent"],
                condition=models.Q(programme__isnull=True),
                name="one_feedback_per_course",
            ),
            models.CheckConstraint(
                condition=models.Q(content__gte=1, content__lte=5)
                & models.Q(relevance__gte=1, relevance__lte=5)
                & models.Q(overall__gte=1, overall__lte=5)
                & (models.Q(trainer__isnull=True) | models.Q(trainer__gte=1, trainer__lte=5))
                & (models.Q(venue__isnull=True) | models.Q(venue__gte=1, venue__lte=5)),
                name="feedback_ratings_1_to_5",
            ),
        ]
        indexes = [models.Index(fields=["course", "programme"])]

    def __str__(self):
        # No respondent here: this string lands in admin listings and logs.
        return f"Feedback #{self.pk} on {self.programme_id or self.course_id}"
