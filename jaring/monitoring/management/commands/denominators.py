from pathlib import Path

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.monitoring.services_denominators import DenominatorError, denominators_load
from jaring.programs.rates import number

SHOWN_PROBLEMS = 30


class Command(JaringCommand):
    help = (
        "Muat penyebut cakupan (jumlah pekerja dan pekerja informal per desa/kecamatan, misalnya dari BPS) sebuah "
        "kabupaten/kota untuk satu tahun dari berkas .xlsx atau .csv. Tanpa --wet-run hanya memeriksa dan mencetak "
        "laporannya. Berkas menggantikan penyebut tahun itu. Kode keluar 1 bila berkas ditolak atau bermasalah."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas penyebut (.xlsx, .xls atau .csv)")
        parser.add_argument("--regency", required=True, help="Kode kabupaten/kota, misalnya 35.03")
        parser.add_argument("--year", type=int, required=True, help="Tahun angka itu berlaku, misalnya 2026")
        parser.add_argument("--source", default="", help="Sumber untuk baris yang kolom Sumbernya kosong")
        parser.add_argument("--wet-run", action="store_true", help="Simpan; tanpa ini hanya uji coba")

    def handle(self, *args, file, regency, year, source="", wet_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas {file} tidak ada.")
        load = {"regency_code": regency, "year": year, "data": path.read_bytes(), "name": path.name,
                "source": source, "actor": None}  # fmt: skip
        try:
            report = denominators_load(**load)
            self._report(report)
            if report.problems:
                raise CommandError(f"{number(len(report.problems))} masalah harus diperbaiki dulu; tidak ada yang "
                                   "disimpan.")  # fmt: skip
            if not wet_run:
                self.stdout.write("Uji coba saja: tidak ada yang disimpan. Tambahkan --wet-run untuk menyimpan.")
                return
            saved = denominators_load(**load, confirm=True)
        except DenominatorError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write("Disimpan." if saved.saved else "Tidak ada yang berubah.")

    def _report(self, report) -> None:
        self.stdout.write(f"{report.regency_name}, tahun {report.year}: {number(len(report.rows))} wilayah siap, "
                          f"{number(len(report.problems))} masalah; {number(report.added)} baru, "
                          f"{number(report.changed)} berubah, {number(report.removed)} dihapus, "
                          f"{number(report.unchanged)} sama.")  # fmt: skip
        for problem in report.problems[:SHOWN_PROBLEMS]:
            self.stdout.write(f"  {problem}")
        if len(report.problems) > SHOWN_PROBLEMS:
            self.stdout.write(f"  … dan {number(len(report.problems) - SHOWN_PROBLEMS)} masalah lain.")
        for notice in report.notices:
            self.stdout.write(f"  • {notice}")
