from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.regions.models import RegionScoped


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Occupation(models.TextChoices):
    PETANI = "petani", _("Farmer")
    PETANI_TEMBAKAU = "petani_tembakau", _("Tobacco farmer")
    BURUH_TEMBAKAU = "buruh_tembakau", _("Tobacco worker")
    BURUH_TANI = "buruh_tani", _("Farm labourer")
    NELAYAN = "nelayan", _("Fisher")
    PEDAGANG_KECIL = "pedagang_kecil", _("Small trader")
    OJEK = "ojek", _("Ojek/driver")
    PEMANDU_WISATA = "pemandu_wisata", _("Tour guide")
    KADER_POSYANDU = "kader_posyandu", _("Posyandu cadre")
    PERANGKAT_DESA = "perangkat_desa", _("Village official")
    PEGAWAI_NON_ASN = "pegawai_non_asn", _("Non-ASN staff")
    PEMILU_AD_HOC = "pemilu_ad_hoc", _("Ad hoc election worker")
    LAINNYA = "lainnya", _("Other")


class VulnerabilityGroup(models.TextChoices):
    ORANG_TUA_TUNGGAL = "orang_tua_tunggal", _("Single parent")
    DISABILITAS = "disabilitas", _("Person with disability")
    LANSIA = "lansia", _("Elderly")
    MISKIN_EKSTREM = "miskin_ekstrem", _("Extreme poverty")


class WelfareSource(models.TextChoices):
    """Targeting databases that rank households in welfare deciles (reference/domain-facts.md §6)."""

    DTKS = "dtks", "DTKS"
    DTSEN = "dtsen", "DTSEN"
    P3KE = "p3ke", "P3KE"
    REGSOSEK = "regsosek", "Regsosek"


class Person(RegionScoped):
    """One person in the registry, one row per NIK, as proposed or imported (not yet verified)."""

    nik = models.CharField("NIK", max_length=16, unique=True)
    kk_number = models.CharField(_("KK number"), max_length=16, blank=True)
    full_name = models.CharField(_("full name"), max_length=150)
    birth_place = models.CharField(_("place of birth"), max_length=80, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    street = models.CharField(_("address"), max_length=200, blank=True)
    rt = models.CharField("RT", max_length=3, blank=True)
    rw = models.CharField("RW", max_length=3, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    occupation = models.CharField(_("occupation"), max_length=20, choices=Occupation.choices, blank=True)
    welfare_decile = models.PositiveSmallIntegerField(_("welfare decile"), null=True, blank=True)
    welfare_source = models.CharField(_("decile source"), max_length=10, choices=WelfareSource.choices, blank=True)
    welfare_date = models.DateField(_("decile date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "id"]
        # The people list sorts by name inside a scope; one index per scope level keeps a page cheap.
        indexes = [
            models.Index(fields=["province_code", "full_name", "id"], name="person_prov_name_idx"),
            models.Index(fields=["regency_code", "full_name", "id"], name="person_reg_name_idx"),
            models.Index(fields=["district_code", "full_name", "id"], name="person_dist_name_idx"),
            models.Index(fields=["village", "full_name", "id"], name="person_vill_name_idx"),
            models.Index(fields=["regency_code", "occupation"], name="person_reg_occ_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def groups(self) -> list[str]:
        return [g.group for g in self.group_memberships.all()]


class PersonGroup(models.Model):
    """A vulnerability group a person belongs to; a person may be in several."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="group_memberships")
    group = models.CharField(_("group"), max_length=20, choices=VulnerabilityGroup.choices)

    class Meta:
        verbose_name = _("vulnerability group")
        verbose_name_plural = _("vulnerability groups")
        constraints = [models.UniqueConstraint(fields=["person", "group"], name="person_group_unique")]
        indexes = [models.Index(fields=["group", "person"], name="persongroup_group_idx")]

    def __str__(self) -> str:
        return self.get_group_display()


class CoveragePayer(models.TextChoices):
    APBD_KABUPATEN = "apbd_kabupaten", _("Regency budget (APBD kabupaten/kota)")
    APBD_PROVINSI = "apbd_provinsi", _("Provincial budget (APBD provinsi)")
    APBDES = "apbdes", _("Village budget (APBDes)")
    DBHCHT = "dbhcht", _("Tobacco excise revenue share (DBHCHT)")
    DONASI = "donasi", _("Donation")
    CSR_BAZNAS = "csr_baznas", _("CSR / BAZNAS")
    MANDIRI = "mandiri", _("Self-paid")
    PEMBERI_KERJA = "pemberi_kerja", _("Employer")


class CoverageSegment(models.TextChoices):
    BPU = "bpu", _("Non-wage earner (BPU)")
    PU = "pu", _("Wage earner (PU)")


class Coverage(models.Model):
    """A BPJS Ketenagakerjaan membership a person already holds, as BPJS's participant check or another payer
    reports it. Verification flags a candidate already covered by someone else; enrollment keeps its own."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="coverages")
    payer = models.CharField(_("paid by"), max_length=16, choices=CoveragePayer.choices)
    segment = models.CharField(_("segment"), max_length=3, choices=CoverageSegment.choices)
    kpj = models.CharField(_("KPJ number"), max_length=20, blank=True)
    start = models.DateField(_("since"))
    end = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("existing coverage")
        verbose_name_plural = _("existing coverages")
        ordering = ["person", "start"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.payer} {self.start}"
