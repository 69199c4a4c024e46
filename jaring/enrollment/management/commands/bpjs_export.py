from pathlib import Path

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.enrollment.files import FORMATS, format_of
from jaring.enrollment.services import EnrollmentError, registration_export
from jaring.programs.models import Program
from jaring.programs.rates import number


class Command(JaringCommand):
    help = (
        "Tulis berkas pendaftaran BPJS Ketenagakerjaan satu program: penerima SK terakhir yang belum punya "
        "kepesertaan dan tidak sedang menunggu verifikator, dalam kolom tata letak pendaftaran."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="Kode program, mis. pr-2026")
        parser.add_argument("--out", required=True, help="Berkas tujuan, mis. pendaftaran.xlsx")
        parser.add_argument("--format", choices=FORMATS, help="xlsx atau csv; bawaan: dari akhiran nama berkas")

    def handle(self, *args, program, out, format=None, **options):
        program_obj = Program.objects.filter(code=program).first()
        if program_obj is None:
            raise CommandError(f"Program {program!r} tidak ada.")
        fmt = format or format_of(out)
        path = Path(out)
        try:
            with path.open("wb") as handle:
                count = registration_export(program=program_obj, fmt=fmt, target=handle, actor=None)
        except EnrollmentError as exc:
            path.unlink(missing_ok=True)
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{program_obj.name} ({program_obj.code}): {number(count)} orang ditulis ke {path} ({fmt}).")
