from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.people.models import Sex
from jaring.regions.models import RegionScoped


class CivilRecord(RegionScoped):
    """A resident as the civil registry (SIAK/Dukcapil) knows them, from an extract of a given date.

    ``village`` is the domicile village; the NIK's region part may differ (it is where the NIK was issued).
    """

    nik = models.CharField("NIK", max_length=16, unique=True)
    kk_number = models.CharField(_("KK number"), max_length=16, blank=True, db_index=True)
    full_name = models.CharField(_("full name"), max_length=150)
    birth_place = models.CharField(_("place of birth"), max_length=80, blank=True)
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    street = models.CharField(_("address"), max_length=200, blank=True)
    rt = models.CharField("RT", max_length=3, blank=True)
    rw = models.CharField("RW", max_length=3, blank=True)
    is_alive = models.BooleanField(_("alive"), default=True)
    death_date = models.DateField(_("date of death"), null=True, blank=True)
    extract_date = models.DateField(_("extract date"))
    #: SIAK's JENIS_PKRJN as written ("PETANI/PEKEBUN", "PEGAWAI NEGERI SIPIL (PNS)"): verification reads it for
    #: the "not ASN/TNI/Polri" and "not a wage earner" rules, so it is kept verbatim, not mapped to a code.
    occupation = models.CharField(_("occupation"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("civil-registry record")
        verbose_name_plural = _("civil-registry records")
        ordering = ["full_name", "id"]
        indexes = [
            models.Index(fields=["regency_code", "full_name"], name="civil_reg_name_idx"),
            models.Index(fields=["village", "birth_date"], name="civil_vill_birth_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name
