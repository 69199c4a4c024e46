"""The default registration file layout and the funding kind → participation type rules (admin-editable data).

Frozen copies of jaring.enrollment.vocabulary's DEFAULT_LAYOUT and DEFAULT_PARTICIPATION as of this migration:
later edits there must not rewrite what an admin has changed since.
"""

from django.db import migrations

LAYOUT = [
    ("No", "row_number"),
    ("NIK", "nik"),
    ("Nama Lengkap (sesuai KTP)", "full_name"),
    ("Tempat Lahir", "birth_place"),
    ("Tanggal Lahir", "birth_date"),
    ("Jenis Kelamin", "sex"),
    ("Alamat", "street"),
    ("RT", "rt"),
    ("RW", "rw"),
    ("Desa/Kelurahan", "village"),
    ("Kecamatan", "district"),
    ("Kabupaten/Kota", "regency"),
    ("Kode Pos", "postal_code"),
    ("No. HP", "phone"),
    ("Jenis Pekerjaan", "occupation"),
    ("Penghasilan (Rp)", "declared_income"),
    ("Program", "programs"),
    ("Jenis Kepesertaan", "participation_type"),
    ("Sumber Dana", "funding_source"),
]
PARTICIPATION = [
    ("apbd_kabupaten", "SG", "Pekerja rentan pemerintah (APBD kabupaten/kota)."),
    ("apbd_provinsi", "SG", "Pekerja rentan pemerintah (APBD provinsi)."),
    ("dbhcht", "SG", "DBHCHT adalah bagian APBD kabupaten: pekerja rentan pemerintah."),
    ("apbdes", "SD", "Pekerja rentan desa yang dibiayai APBDes."),
    ("donasi", "SG", "Donasi dibayarkan lewat program dan tagihan pemda, jadi wadahnya tetap pemda (SG)."),
    ("csr_baznas", "SG", "Dibayarkan lewat program pemda (SG); bila perusahaan membayar BPJS langsung, pakai SC."),
]


def load(apps, schema_editor):
    Layout = apps.get_model("enrollment", "RegistrationLayout")
    Rule = apps.get_model("enrollment", "ParticipationRule")
    if not Layout.objects.filter(regency__isnull=True).exists():
        columns = [{"header": header, "field": field} for header, field in LAYOUT]
        Layout.objects.create(name="Bawaan Jaring (kolom yang dikumpulkan BPJS)", columns=columns)
    for kind, code, note in PARTICIPATION:
        if not Rule.objects.filter(regency__isnull=True, kind=kind).exists():
            Rule.objects.create(kind=kind, participation_type=code, note=note)


def unload(apps, schema_editor):
    apps.get_model("enrollment", "RegistrationLayout").objects.filter(regency__isnull=True).delete()
    apps.get_model("enrollment", "ParticipationRule").objects.filter(regency__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("enrollment", "0002_registration")]

    operations = [migrations.RunPython(load, unload)]
