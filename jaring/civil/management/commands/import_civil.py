from datetime import date
from pathlib import Path

from django.core.management.base import CommandError

from jaring.civil.extract import PROBLEMS
from jaring.civil.services import ExtractRefused, ImportSummary, civil_extract_import
from jaring.commands import JaringCommand
from jaring.core.privacy import mask_nik

KINDS = {"csv": "CSV", "xlsx": "Excel (.xlsx)", "xls": "Excel (.xls)", "parquet": "Parquet"}


class Command(JaringCommand):
    help = (
        "Muat ekstrak SIAK (CSV, XLSX, Parquet) ke salinan lokal data kependudukan, bertahap menurut tanggal "
        "ekstrak; tulis hanya dengan --wet-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--extract-date",
            type=date.fromisoformat,
            help="Tanggal ekstrak (YYYY-MM-DD); bawaan: tanggal berkas terakhir diubah",
        )
        parser.add_argument("--wet-run", action="store_true", help="Benar-benar tulis; tanpa ini hanya diperiksa")

    def handle(self, *args, file, extract_date, wet_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        if extract_date is None:
            extract_date = date.fromtimestamp(path.stat().st_mtime)
            self.stdout.write(
                f"Tanggal ekstrak: {extract_date:%d-%m-%Y} (tanggal berkas diubah; ganti dengan --extract-date)."
            )
        else:
            self.stdout.write(f"Tanggal ekstrak: {extract_date:%d-%m-%Y}.")
        try:
            summary = civil_extract_import(
                path=path, extract_date=extract_date, actor=None, wet_run=wet_run, progress=self._progress
            )
        except ExtractRefused as exc:
            raise CommandError(f"{path.name} ditolak: {exc}") from None
        self._report(summary)

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(f"\r  {_n(done)}/{_n(total)} catatan ditulis", ending="")

    def _report(self, s: ImportSummary) -> None:
        self.stderr.write("")
        source = KINDS.get(s.kind, s.kind) + (f", {s.encoding}" if s.encoding else "")
        self.stdout.write(f"{s.filename} ({source}): {_n(s.rows_read)} baris dibaca.")
        self.stdout.write(f"  {_n(s.new):>9} baru")
        self.stdout.write(f"  {_n(s.updated):>9} diperbarui")
        self.stdout.write(f"  {_n(s.unchanged):>9} tidak berubah")
        self.stdout.write(f"  {_n(s.newer_in_system):>9} lebih baru di sistem (tidak ditimpa ekstrak yang lebih lama)")
        if s.duplicates_collapsed:
            self.stdout.write(f"  {_n(s.duplicates_collapsed):>9} baris kembar digabung (NIK dan data sama)")
        self.stdout.write(f"  {_n(s.rows_skipped):>9} baris ditolak")
        for kind, problem in s.problems.items():
            examples = "; ".join(f"baris {e.row} NIK {mask_nik(e.nik) or '-'}: {e.value}" for e in problem.examples)
            self.stdout.write(f"    {_n(problem.count):>7} × {PROBLEMS[kind]} — mis. {examples}")
        self.stdout.write(
            "Catatan yang tidak ada di berkas ini tidak dihapus (ekstrak bisa hanya mencakup satu kecamatan)."
        )
        if not s.wet_run:
            self.stdout.write("Uji coba saja: tidak ada yang ditulis. Tambahkan --wet-run untuk menulis.")


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")
