import time

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.monitoring.services import facts_refresh
from jaring.programs.models import Program
from jaring.programs.rates import number


class Command(JaringCommand):
    help = (
        "Hitung ulang angka dasbor cakupan dari kepesertaan dan tagihan (jalankan tiap hari, agar bulan baru dan "
        "tunggakan ikut terhitung). Tanpa --wet-run hanya menyebut program yang akan dihitung."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", help="Kode program; bawaan: semua program")
        parser.add_argument("--year", type=int, help="Hanya program tahun ini")
        parser.add_argument("--wet-run", action="store_true", help="Hitung dan simpan; tanpa ini uji coba")

    def handle(self, *args, program=None, year=None, wet_run=False, **options):
        programs = Program.objects.order_by("regency_id", "code")
        if program:
            programs = programs.filter(code=program)
            if not programs.exists():
                raise CommandError(f"Program {program!r} tidak ada.")
        if year:
            programs = programs.filter(year=year)
        for found in programs:
            if not wet_run:
                self.stdout.write(f"Akan dihitung: {found.name} ({found.code})")
                continue
            started = time.perf_counter()
            rows = facts_refresh(program=found)
            seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
            self.stdout.write(f"{found.name} ({found.code}): {number(rows)} baris angka, {seconds} detik")
        if not wet_run:
            self.stdout.write("Uji coba: tidak ada yang disimpan. Tambahkan --wet-run untuk menghitung.")
