from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone

from jaring.billing.arrears import CAUSE_WORDS, EndCause, end_reason
from jaring.billing.selectors import membership_by_kpj
from jaring.billing.services import BillingError, membership_end_report
from jaring.commands import JaringCommand
from jaring.enrollment.rules import end_of_month
from jaring.programs.models import Program


class Command(JaringCommand):
    help = (
        "Akhiri kepesertaan (meninggal dunia, pindah keluar kabupaten, menjadi pekerja penerima upah, mengundurkan "
        "diri) pada akhir bulan kejadian. Tanpa --wet-run hanya menampilkan."
    )

    def add_arguments(self, parser):
        causes = ", ".join(f"{c.value} ({CAUSE_WORDS[c].lower()})" for c in EndCause)
        parser.add_argument("--program", required=True, help="Kode program")
        parser.add_argument("--kpj", required=True, help="Nomor KPJ peserta")
        parser.add_argument("--cause", required=True, choices=[c.value for c in EndCause], help=f"Sebab: {causes}")
        parser.add_argument("--date", required=True, help="Tanggal kejadian YYYY-MM-DD")
        parser.add_argument("--note", default="", help="Catatan, misalnya nomor akta kematian")
        parser.add_argument("--wet-run", action="store_true", help="Simpan; tanpa ini uji coba")

    def handle(self, *args, program, kpj, cause, date, note="", wet_run=False, **options):
        day = _day(date)
        found = Program.objects.filter(code=program).first()
        if found is None:
            raise CommandError(f"Program {program!r} tidak ada.")
        membership = membership_by_kpj(found, kpj)
        if membership is None:
            raise CommandError(f"Tidak ada kepesertaan dengan KPJ {kpj} dalam program {found.code}.")
        who = f"{membership.person.full_name} (KPJ {membership.kpj})"
        if membership.status == "ended":
            raise CommandError(f"{who} sudah berakhir {membership.end:%d-%m-%Y}: {membership.status_reason}")
        if not wet_run:
            reason = end_reason(cause, day, reported_by="sistem", note=note)
            self.stdout.write(f"{who} akan berakhir {end_of_month(day):%d-%m-%Y}: {reason}")
            self.stdout.write("Uji coba saja: tidak ada yang disimpan. Tambahkan --wet-run untuk menyimpan.")
            return
        try:
            membership_end_report(membership=membership, cause=cause, occurred_on=day, note=note, actor=None,
                                  today=timezone.localdate())  # fmt: skip
        except BillingError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{who} berakhir {membership.end:%d-%m-%Y}: {membership.status_reason}")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Tanggal {text!r} tidak sah; tulis seperti 2026-03-12.") from None
