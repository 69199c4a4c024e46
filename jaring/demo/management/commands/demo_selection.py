"""Seed the selection stage into a demo database that predates it (run by `jaring demo` after migrating)."""

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.demo.models import DemoSeed
from jaring.demo.selection import demo_selection_seed


class Command(JaringCommand):
    help = (
        "Isi tahap seleksi demo (sumber dana, kuota, prioritas, seleksi yang dihitung, diajukan dan disetujui) "
        "bila program demo belum punya sumber dana. Tidak mengubah apa pun bila sudah."
    )

    def handle(self, *args, **options):
        demo = DemoSeed.objects.order_by("created_at").first()
        if demo is None:
            raise CommandError("Ini bukan basis data demo: tahap seleksi demo hanya diisi ke basis data `jaring demo`.")
        summary = demo_selection_seed(regency=demo.regency, seed=demo.seed)
        if summary is None:
            self.stdout.write("Tahap seleksi demo sudah ada (atau program belum diverifikasi); tidak ada yang diubah.")
        else:
            self.stdout.write(f"Seleksi demo siap: {summary}")
