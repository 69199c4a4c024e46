from django.db import models
from django.utils.translation import gettext_lazy as _

from ..arrears import EndCause


class EndCauseChoices(models.TextChoices):
    """Why a membership ends before its program does (issue #7, point 5); the reason text is ``arrears.end_reason``."""

    DEATH = EndCause.DEATH, _("Death")
    MOVED_OUT = EndCause.MOVED_OUT, _("Moved out of the regency")
    WAGE_EARNER = EndCause.WAGE_EARNER, _("Became a wage earner")
    WITHDREW = EndCause.WITHDREW, _("Withdrew")
