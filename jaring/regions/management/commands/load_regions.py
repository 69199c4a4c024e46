import time

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.core.regioncodes import InvalidRegionCode
from jaring.regions.loader import SOURCE, UnknownRegion
from jaring.regions.services import regions_load

LEVEL_NAMES = {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}


class Command(JaringCommand):
    help = "Muat wilayah Kemendagri (semua, atau satu wilayah dengan --prefix 35.03). Aman dijalankan ulang."

    def add_arguments(self, parser):
        parser.add_argument("--prefix", help="Kode wilayah, mis. 35 atau 35.03; kosong = seluruh Indonesia")

    def handle(self, *args, prefix=None, **options):
        started = time.perf_counter()
        try:
            counts = regions_load(prefix=prefix, progress=self._progress)
        except (InvalidRegionCode, UnknownRegion) as exc:
            raise CommandError(str(exc)) from None
        self.stderr.write("")
        summary = ", ".join(f"{counts[level]:,} {LEVEL_NAMES[level]}".replace(",", ".") for level in sorted(counts))
        self.stdout.write(f"Wilayah dimuat dari {SOURCE}: {summary} ({time.perf_counter() - started:.1f} detik).")

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(f"\r  {done:,}/{total:,} wilayah".replace(",", "."), ending="")
        self.stderr.flush()
