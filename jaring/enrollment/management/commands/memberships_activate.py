from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone

from jaring.commands import JaringCommand
from jaring.enrollment.services import memberships_activate_due, memberships_due
from jaring.programs.models import Program
from jaring.programs.rates import number


class Command(JaringCommand):
    help = (
        "Aktifkan kepesertaan yang tertunda bila tanggal mulainya (PKS) sudah tiba; tanpa --wet-run hanya menghitung."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Tanggal acuan YYYY-MM-DD; bawaan: hari ini")
        parser.add_argument("--program", help="Hanya program ini (kode); bawaan: semua program")
        parser.add_argument("--wet-run", action="store_true", help="Simpan perubahan; tanpa ini hanya uji coba")

    def handle(self, *args, today=None, program=None, wet_run=False, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"Tanggal {today!r} tidak sah; tulis seperti 2026-01-01.") from None
        program_obj = None
        if program:
            program_obj = Program.objects.filter(code=program).first()
            if program_obj is None:
                raise CommandError(f"Program {program!r} tidak ada.")
        due = memberships_due(today=day, program=program_obj).count()
        self.stdout.write(f"Per {day:%d-%m-%Y}: {number(due)} kepesertaan tertunda sudah tiba tanggal mulainya.")
        if not wet_run:
            self.stdout.write("Uji coba saja: tidak ada yang disimpan. Tambahkan --wet-run untuk mengaktifkan.")
            return
        done = memberships_activate_due(today=day, actor=None, program=program_obj)
        self.stdout.write(f"Diaktifkan: {number(done)} kepesertaan.")
