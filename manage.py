#!/usr/bin/env python
"""Django's command-line utility for Sevottam LMS."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    # After the settings module is chosen (Django's own manage.py does the same).
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
