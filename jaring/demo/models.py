from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoSeed(models.Model):
    """Marks a database as a finished demo: written last, so a half-built demo never has one."""

    regency = models.CharField(_("regency"), max_length=5)
    population = models.PositiveIntegerField(_("population"))
    seed = models.IntegerField(_("seed"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo seed")
        verbose_name_plural = _("demo seeds")

    def __str__(self) -> str:
        return f"{self.regency} × {self.population} (seed {self.seed})"
