from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    """A programme's life: its status map, attendance, the completion rule, finalising,
    the cell's programme desk and the public calendar. The ``Programme`` model itself stays
    in ``courses`` and ``Attendance`` in ``nominations`` (see docs/architecture.md)."""

    name = "programmes"
    verbose_name = _("Programmes")
