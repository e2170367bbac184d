from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Officer levels as the Sevottam scheme uses them."""

    TOP = "top", _("Top")
    MIDDLE = "middle", _("Middle")
    CUTTING_EDGE = "cutting_edge", _("Cutting-edge")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    HINDI = "hi", _("Hindi")
