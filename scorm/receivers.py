"""A deleted package's files go once the deletion is committed; a learner's SCORM results
for My learning."""

import shutil
from functools import partial

from django.db import transaction

from . import selectors
from .services import package_dir


def remove_package_files(sender, instance, **kwargs):
    transaction.on_commit(partial(shutil.rmtree, package_dir(instance), ignore_errors=True))


def lesson_results(sender, user, courses, **kwargs):
    """Answers ``courses.signals.collect_lesson_results``."""
    return selectors.lesson_results(user=user, courses=courses)
