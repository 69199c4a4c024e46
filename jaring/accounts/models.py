from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.core.regioncodes import Level
from jaring.regions.models import Region

from .roles import POLICIES, Role, binding_error


class RoleChoices(models.TextChoices):
    OPERATOR_DESA = Role.OPERATOR_DESA, _("Village operator")
    VERIFIKATOR = Role.VERIFIKATOR, _("Verifier (Disnaker)")
    PERENCANA = Role.PERENCANA, _("Budget planner")
    PEJABAT = Role.PEJABAT, _("Approving official")
    PETUGAS_BPJS = Role.PETUGAS_BPJS, _("BPJS officer")
    PEMANTAU = Role.PEMANTAU, _("Monitor")
    ADMIN = Role.ADMIN, _("Administrator")


class JaringUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # `jaring createsuperuser` must give a usable admin: the admin site opens for the admin role only.
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in, with one role bound to one region code (DESIGN.md §1)."""

    role = models.CharField(_("role"), max_length=20, choices=RoleChoices.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("The role's scope: this region and everything inside it. Empty means the whole instance."),
    )

    objects = JaringUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self):
        super().clean()
        if not self.role:
            return
        level = Level(self.region.level) if self.region_id else None
        if error := binding_error(Role(self.role), level):
            raise ValidationError({"region": error})

    @property
    def policy(self):
        return POLICIES.get(Role(self.role)) if self.role else None

    @property
    def scope_code(self) -> str | None:
        """The region code this user's view is limited to; None means nationwide."""
        return self.region_id

    @property
    def is_admin_role(self) -> bool:
        return self.role == Role.ADMIN
