"""The national acts every decree of bantuan iuran cites under "Mengingat" (issue #6; reference/domain-facts.md
§5). A regency's own Perda and Perbup are added in the admin, under Dasar hukum SK."""

from django.db import migrations

NATIONAL = [
    "Undang-Undang Nomor 40 Tahun 2004 tentang Sistem Jaminan Sosial Nasional",
    "Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial",
    "Peraturan Pemerintah Nomor 44 Tahun 2015 tentang Penyelenggaraan Program Jaminan Kecelakaan Kerja dan "
    "Jaminan Kematian",
    "Peraturan Pemerintah Nomor 82 Tahun 2019 tentang Perubahan atas Peraturan Pemerintah Nomor 44 Tahun 2015 "
    "tentang Penyelenggaraan Program Jaminan Kecelakaan Kerja dan Jaminan Kematian",
    "Instruksi Presiden Nomor 2 Tahun 2021 tentang Optimalisasi Pelaksanaan Program Jaminan Sosial "
    "Ketenagakerjaan",
]


def load(apps, schema_editor):
    LegalBasis = apps.get_model("decrees", "LegalBasis")
    for order, citation in enumerate(NATIONAL, start=1):
        LegalBasis.objects.get_or_create(regency=None, citation=citation, defaults={"order": order * 10})


def unload(apps, schema_editor):
    apps.get_model("decrees", "LegalBasis").objects.filter(regency=None, citation__in=NATIONAL).delete()


class Migration(migrations.Migration):
    dependencies = [("decrees", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
