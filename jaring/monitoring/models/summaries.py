from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SenderKey(models.Model):
    """The secret one regency on another Jaring instance signs its summary files with (HMAC-SHA256).

    Made here by the monitor or admin and handed over once; the secret is kept because checking a signature
    needs it, but no page shows it again. An inactive key's files are refused.
    """

    regency_code = models.CharField(_("regency/city"), max_length=13, db_index=True)
    key_id = models.CharField(_("key id"), max_length=64, unique=True)
    secret = models.CharField(_("secret"), max_length=128)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("summary sender key")
        verbose_name_plural = _("summary sender keys")
        ordering = ["regency_code", "-created_at"]

    def __str__(self) -> str:
        return self.key_id


class RegencySummary(models.Model):
    """The figures a regency on another instance sent for one year, from its latest signed summary file.

    Counts are None where the sender suppressed them (1 to 4). A file for a later month (or a later file for
    the same month) replaces the one held; an older one is refused.
    """

    regency_code = models.CharField(_("regency/city"), max_length=13)
    regency_name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.DateField(_("month"), null=True, blank=True)
    generated_at = models.DateTimeField(_("file made"))
    has_program = models.BooleanField(_("has a program"))
    budget_allocated = models.DecimalField(_("budget allocated"), max_digits=16, decimal_places=0)
    by_category = models.JSONField(_("by category"), default=dict)
    by_source = models.JSONField(_("by funding source"), default=dict)
    members = models.PositiveIntegerField(_("memberships"), null=True, blank=True)
    covered = models.PositiveIntegerField(_("covered"), null=True, blank=True)
    arrears = models.PositiveIntegerField(_("in arrears"), null=True, blank=True)
    sha256 = models.CharField(_("file SHA-256"), max_length=64)
    key_id = models.CharField(_("key id"), max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported"))

    class Meta:
        verbose_name = _("regency summary")
        verbose_name_plural = _("regency summaries")
        ordering = ["regency_code", "-year"]
        constraints = [models.UniqueConstraint(fields=["regency_code", "year"], name="regencysummary_one_a_year")]

    def __str__(self) -> str:
        return f"{self.regency_code} {self.year}"
