from django.core.management.base import CommandError

from jaring.billing.periods import MonthInvalid, parse_month
from jaring.billing.services import BillingError, bill_plan, bill_summary, invoices_issue
from jaring.commands import JaringCommand
from jaring.programs.models import Program


class Command(JaringCommand):
    help = (
        "Tagihan iuran satu bulan: satu tagihan per sumber dana, satu baris per kepesertaan. Tanpa --wet-run hanya "
        "menampilkan rencananya; bulan yang sudah ditagih tidak ditagih dua kali."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="Kode program")
        parser.add_argument("--month", required=True, help="Bulan tagihan YYYY-MM, misalnya 2026-01")
        parser.add_argument("--wet-run", action="store_true", help="Terbitkan tagihannya; tanpa ini hanya uji coba")

    def handle(self, *args, program, month, wet_run=False, **options):
        found = Program.objects.filter(code=program).first()
        if found is None:
            raise CommandError(f"Program {program!r} tidak ada.")
        try:
            billing_month = parse_month(month)
            if wet_run:
                run = invoices_issue(program=found, month=billing_month, actor=None)
            else:
                run = bill_plan(program=found, month=billing_month)
        except (BillingError, MonthInvalid) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{found.name} ({found.code})")
        for line in bill_summary(run):
            self.stdout.write(f"  {line}")
        if not wet_run:
            self.stdout.write("Uji coba saja: tidak ada yang disimpan. Tambahkan --wet-run untuk menerbitkan tagihan.")
