"""Seed the decree stage into a demo database that predates it (run by `jaring demo` after migrating)."""

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.demo.decree import demo_decree_seed
from jaring.demo.models import DemoSeed


class Command(JaringCommand):
    help = (
        "Isi tahap SK demo (SK Bupati final dan satu SK perubahan dengan pengganti dari daftar tunggu) bila "
        "program demo belum punya SK. Tidak mengubah apa pun bila sudah."
    )

    def handle(self, *args, **options):
        demo = DemoSeed.objects.order_by("created_at").first()
        if demo is None:
            raise CommandError("Ini bukan basis data demo: tahap SK demo hanya diisi ke basis data `jaring demo`.")
        summary = demo_decree_seed(regency=demo.regency, seed=demo.seed)
        if summary is None:
            self.stdout.write("Tahap SK demo sudah ada (atau seleksi belum disetujui); tidak ada yang diubah.")
        else:
            self.stdout.write(f"SK demo siap: {summary}")
