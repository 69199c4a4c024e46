from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone

from jaring.billing.services import BillingError, coverage_plan, coverage_refresh
from jaring.billing.services.coverage import level_words
from jaring.commands import JaringCommand
from jaring.programs.models import Program
from jaring.programs.rates import number


class Command(JaringCommand):
    help = (
        "Periksa cakupan kepesertaan dari bulan yang sudah dibayar: peringatan tunggakan, nonaktif, aktif kembali, "
        "berakhir. Tanpa --wet-run hanya menghitung."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="Kode program")
        parser.add_argument("--date", help="Tanggal acuan YYYY-MM-DD; bawaan: hari ini")
        parser.add_argument("--wet-run", action="store_true", help="Simpan perubahan status; tanpa ini uji coba")

    def handle(self, *args, program, date=None, wet_run=False, **options):
        day = _day(date)
        found = Program.objects.filter(code=program).first()
        if found is None:
            raise CommandError(f"Program {program!r} tidak ada.")
        try:
            check = (coverage_refresh(program=found, today=day, actor=None) if wet_run
                     else coverage_plan(program=found, today=day))  # fmt: skip
        except BillingError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{found.name} ({found.code}), per {day:%d-%m-%Y}:")
        for level, count in check.counts.items():
            self.stdout.write(f"  {number(count):>9}  {level_words(level)}")
        verb = "Diubah" if wet_run else "Akan diubah"
        self.stdout.write(f"{verb}: {number(check.lapsed)} menjadi nonaktif (menunggak), {number(check.restored)} "
                          f"aktif kembali, {number(check.ended)} berakhir.")  # fmt: skip
        if not wet_run:
            self.stdout.write("Uji coba saja: tidak ada yang disimpan. Tambahkan --wet-run untuk mengubah status.")


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text) if text else timezone.localdate()
    except ValueError:
        raise CommandError(f"Tanggal {text!r} tidak sah; tulis seperti 2026-04-16.") from None
