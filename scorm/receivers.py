"""A deleted package's files go once the deletion is committed."""

import shutil
from functools import partial

from django.db import transaction

from .services import package_dir


def remove_package_files(sender, instance, **kwargs):
    transaction.on_commit(partial(shutil.rmtree, package_dir(instance), ignore_errors=True))
