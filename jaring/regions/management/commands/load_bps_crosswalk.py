from pathlib import Path

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.regions.crosswalk import SAMPLE_FILE
from jaring.regions.services import CrosswalkError, crosswalk_load


class Command(JaringCommand):
    help = "Muat tabel padanan kode BPS → Kemendagri dari CSV (kolom bps_code, kemendagri_code, name, source)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(SAMPLE_FILE), help="Berkas CSV; kosong = contoh bawaan")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        try:
            n = crosswalk_load(data=path.read_bytes(), source_name=path.name)
        except CrosswalkError as exc:
            raise CommandError(
                f"Tidak ada yang dimuat; {len(exc.problems)} masalah di {path.name}:\n  " + "\n  ".join(exc.problems)
            ) from None
        self.stdout.write(f"{n} padanan kode BPS → Kemendagri dimuat dari {path.name}.")
