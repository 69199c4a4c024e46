from collections import Counter

from django.apps import apps
from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.verification.lifecycle import RunStatus, Status
from jaring.verification.rules import RulesConfigError
from jaring.verification.services import verification_compute, verification_run, verification_start

#: Printed whatever the terminal's language: the command speaks Bahasa Indonesia like the rest of the CLI.
STATUS_LABELS = {
    Status.VALID: "valid",
    Status.MISMATCH: "data berbeda",
    Status.NIK_CORRECTED: "NIK dikoreksi",
    Status.NOT_FOUND: "tidak ditemukan",
    Status.DECEASED: "meninggal",
    Status.OUT_OF_REGION: "di luar kabupaten",
    Status.DUPLICATE: "ganda",
    Status.ALREADY_COVERED: "sudah terlindungi",
    Status.INELIGIBLE: "tidak memenuhi syarat",
    Status.UNVERIFIED: "belum terverifikasi",
}


class Command(JaringCommand):
    help = (
        "Verifikasi calon satu program terhadap data kependudukan dan aturan kelayakan, lalu cetak jumlah per "
        "status; simpan hasilnya hanya dengan --wet-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="Kode program, mis. pr-2026")
        parser.add_argument("--wet-run", action="store_true", help="Simpan hasil; tanpa ini hanya uji coba")

    def handle(self, *args, program, wet_run, **options):
        program_obj = apps.get_model("programs", "Program").objects.filter(code=program).first()
        if program_obj is None:
            raise CommandError(f"Program {program!r} tidak ada.")
        if wet_run:
            counts, written = self._store(program_obj)
        else:
            counts, written = self._dry(program_obj), None
        self._report(program_obj, counts)
        if written is None:
            self.stdout.write("Uji coba saja: tidak ada yang disimpan. Tambahkan --wet-run untuk menyimpan hasil.")
        else:
            self.stdout.write(f"Disimpan: {written} hasil baru atau berubah; yang lain tidak berubah.")

    def _dry(self, program) -> Counter:
        try:
            outcomes = verification_compute(program, progress=self._progress)
        except RulesConfigError as exc:
            raise CommandError(str(exc)) from None
        return Counter(o.status for o in outcomes)

    def _store(self, program) -> tuple[dict, int]:
        run = verification_run(
            run=verification_start(program=program, actor=None, background=False), progress=self._progress
        )
        if run.status != RunStatus.DONE:
            raise CommandError(run.error)
        return run.counts, run.written

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(f"\r  {done:,}/{total:,} calon diperiksa".replace(",", "."), ending="")
        if done == total:
            self.stderr.write("")

    def _report(self, program, counts) -> None:
        total = sum(counts.values())
        self.stdout.write(f"{program.name} ({program.code}): {total} calon diverifikasi.")
        for status in Status:
            self.stdout.write(f"  {counts.get(status, 0):>7}  {STATUS_LABELS[status]}")
