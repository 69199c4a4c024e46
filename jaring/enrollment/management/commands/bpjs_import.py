from pathlib import Path

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.enrollment.results import Outcome
from jaring.enrollment.services import (
    EnrollmentError,
    program_for_file,
    result_import_apply,
    result_import_stage,
    results_check,
)
from jaring.programs.models import Program
from jaring.programs.rates import number

#: Printed whatever the terminal's language: the command speaks Bahasa Indonesia like the rest of the CLI.
OUTCOME_LABELS = {
    Outcome.MEMBERSHIP: "kepesertaan baru",
    Outcome.TO_VERIFIER: "ditolak, kembali ke verifikator",
    Outcome.UNCHANGED: "sudah tercatat",
    Outcome.ERROR: "baris bermasalah",
}
SHOWN_PROBLEMS = 50


class Command(JaringCommand):
    help = (
        "Periksa berkas hasil pendaftaran dari BPJS Ketenagakerjaan (NIK, KPJ, DITERIMA/DITOLAK, alasan) dan cetak "
        "laporannya; terapkan hanya dengan --wet-run dan hanya bila tidak ada baris bermasalah. Kode keluar 1 bila "
        "ada yang bermasalah."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas hasil BPJS (.xlsx, .xls atau .csv)")
        parser.add_argument("--program", help="Kode program; bawaan: program yang penerimanya memuat semua NIK")
        parser.add_argument("--wet-run", action="store_true", help="Terapkan hasilnya; tanpa ini hanya uji coba")

    def handle(self, *args, file, program=None, wet_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas {file} tidak ada.")
        data = path.read_bytes()
        try:
            program_obj = self._program(program, data, path.name)
            report = results_check(program=program_obj, data=data, filename=path.name)
        except EnrollmentError as exc:
            raise CommandError(str(exc)) from None
        self._report(program_obj, report)
        if report.errors:
            raise CommandError(
                f"{number(report.errors)} baris bermasalah; tidak ada yang diterapkan. Perbaiki berkasnya, lalu "
                "jalankan lagi.",
                returncode=1,
            )
        if not wet_run:
            self.stdout.write("Uji coba saja: tidak ada yang disimpan. Tambahkan --wet-run untuk menerapkan.")
            return
        try:
            staged = result_import_stage(program=program_obj, data=data, filename=path.name, actor=None)
            applied = result_import_apply(result_import=staged, actor=None)
        except EnrollmentError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Diterapkan: {number(applied.memberships)} kepesertaan baru, {number(applied.to_verifier)} kembali ke "
            f"verifikator, {number(applied.activated)} langsung aktif."
        )

    def _program(self, code: str | None, data: bytes, filename: str):
        if code is None:
            return program_for_file(data, filename)
        found = Program.objects.filter(code=code).first()
        if found is None:
            raise EnrollmentError(f"Program {code!r} tidak ada.")
        return found

    def _report(self, program, report) -> None:
        self.stdout.write(f"{program.name} ({program.code}): {number(report.counts['rows'])} baris diperiksa.")
        for outcome, label in OUTCOME_LABELS.items():
            self.stdout.write(f"  {number(report.counts[outcome]):>9}  {label}")
        for notice in report.notices:
            self.stdout.write(f"  • {notice}")
        problems = [(row, m) for row in report.rows for m in row.messages if m["severity"] != "info"]
        for row, message in problems[:SHOWN_PROBLEMS]:
            label = "galat" if message["severity"] == "error" else "peringatan"
            self.stdout.write(f"  baris {row.row} ({label}): {message['text']}")
        if len(problems) > SHOWN_PROBLEMS:
            self.stdout.write(f"  … dan {number(len(problems) - SHOWN_PROBLEMS)} catatan lain.")
