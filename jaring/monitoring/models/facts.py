from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.programs.models import Program


class FactDimension(models.TextChoices):
    TOTAL = "total", _("Total")
    SOURCE = "source", _("Funding source")
    GROUP = "group", _("Group")
    OCCUPATION = "occupation", _("Occupation")


class CoverageFact(models.Model):
    """Counts for one program, month, region and one value of one dimension, kept ready for the dashboards.

    Rows exist at village, kecamatan and regency level, so a chart for any scope reads only the rows of one
    level; ``monitoring.services.facts_refresh`` rewrites them from memberships and invoice lines. Billing
    measures (billed, paid, amounts) exist on the total and source dimensions only.
    """

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    level = models.PositiveSmallIntegerField(_("level"))
    region_code = models.CharField(_("region code"), max_length=13)
    dim = models.CharField(_("dimension"), max_length=10, choices=FactDimension.choices)
    key = models.CharField(_("value"), max_length=20, blank=True)
    members = models.PositiveIntegerField(_("memberships in force"), default=0)
    billed = models.PositiveIntegerField(_("lines billed"), default=0)
    paid = models.PositiveIntegerField(_("lines paid"), default=0)
    billed_amount = models.DecimalField(_("billed"), max_digits=16, decimal_places=0, default=0)
    paid_amount = models.DecimalField(_("paid"), max_digits=16, decimal_places=0, default=0)
    #: The month's due date when it was billed: unpaid lines count as arrears once it has passed.
    due_on = models.DateField(_("due"), null=True, blank=True)

    class Meta:
        verbose_name = _("coverage figure")
        verbose_name_plural = _("coverage figures")
        # One index only: with a (program, month) index beside it, SQLite's planner, once ANALYZE has run,
        # skip-scanned that one for a province's months and read every level's rows (4.7 s at 1,000,000).
        indexes = [models.Index(fields=["level", "dim", "region_code", "month"], name="fact_scope_idx")]

    def __str__(self) -> str:
        return f"{self.program_id} {self.month:%Y-%m} {self.region_code} {self.dim}={self.key}: {self.members}"


class FactsState(models.Model):
    """When a program's figures were last rebuilt, shown beside every chart."""

    program = models.OneToOneField(Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="+")
    refreshed_at = models.DateTimeField(_("refreshed"))
    seconds = models.FloatField(_("seconds taken"), default=0)
    rows = models.PositiveIntegerField(_("rows"), default=0)

    class Meta:
        verbose_name = _("coverage figures state")
        verbose_name_plural = _("coverage figures states")

    def __str__(self) -> str:
        return f"{self.program_id} @ {self.refreshed_at:%Y-%m-%d %H:%M}"
