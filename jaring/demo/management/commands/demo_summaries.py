"""Seed the roll-up stage into a demo database (run by `jaring demo` after migrating): the other regencies of the
demo's province send signed summaries that the province's monitor imports."""

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.demo.models import DemoSeed
from jaring.demo.summaries import seed_summaries


class Command(JaringCommand):
    help = (
        "Isi tahap rekap demo: kabupaten/kota lain di provinsi demo mengirim ringkasan bertanda tangan (kunci "
        "pengirim dibuat admin, ringkasan diimpor pemantau provinsi). Tidak mengubah apa pun bila sudah ada."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Tahun ringkasan; bawaan: tahun ini")

    def handle(self, *args, year=None, **options):
        demo = DemoSeed.objects.order_by("created_at").first()
        if demo is None:
            raise CommandError("Ini bukan basis data demo: tahap rekap demo hanya diisi ke basis data `jaring demo`.")
        seeded = seed_summaries(province=demo.regency[:2], year=year, seed=demo.seed)
        if seeded is None:
            self.stdout.write(
                "Ringkasan kabupaten/kota lain sudah ada (atau tidak ada yang perlu); tidak ada yang diubah."
            )
        else:
            self.stdout.write(f"Rekap demo siap: {seeded}")
