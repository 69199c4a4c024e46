from pathlib import Path

from django.core.management.base import CommandError

from jaring.billing.periods import MonthInvalid, parse_month
from jaring.billing.reconciliation.compare import KIND_LABELS, Kind
from jaring.billing.services import BillingError, reconciliation_check, reconciliation_import
from jaring.commands import JaringCommand
from jaring.programs.models import Program
from jaring.programs.rates import month_name, number, rupiah

SHOWN_DIFFERENCES = 30


class Command(JaringCommand):
    help = (
        "Cocokkan berkas status tagihan/pembayaran dari BPJS Ketenagakerjaan (per KPJ per bulan) dengan tagihan "
        "Jaring dan cetak setiap selisih beserta tindakannya; simpan hasilnya hanya dengan --wet-run. Program dan "
        "bulan dibaca dari berkas bila tidak disebut. Kode keluar 1 bila berkasnya ditolak."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas status BPJS (.xlsx atau .csv)")
        parser.add_argument("--program", help="Kode program; bawaan: program yang KPJ-nya ada di berkas")
        parser.add_argument("--month", help="Bulan YYYY-MM; bawaan: kolom periode berkas")
        parser.add_argument("--wet-run", action="store_true", help="Simpan hasilnya; tanpa ini hanya uji coba")

    def handle(self, *args, file, program=None, month=None, wet_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas {file} tidak ada.")
        data = path.read_bytes()
        try:
            chosen, when = self._program(program), self._month(month)
            report = reconciliation_check(program=chosen, month=when, name=path.name, data=data)
        except BillingError as exc:
            raise CommandError(str(exc)) from None
        self._report(report)
        if not wet_run:
            self.stdout.write("Uji coba saja: tidak ada yang disimpan. Tambahkan --wet-run untuk menyimpan hasilnya.")
            return
        try:
            saved = reconciliation_import(program=report.program, month=report.month, name=path.name, data=data,
                                          actor=None)  # fmt: skip
        except BillingError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Disimpan: rekonsiliasi #{saved.pk}, {number(saved.differences)} selisih untuk ditindaklanjuti."
        )

    def _program(self, code: str | None):
        if code is None:
            return None
        found = Program.objects.filter(code=code).first()
        if found is None:
            raise BillingError(f"Program {code!r} tidak ada.")
        return found

    def _month(self, text: str | None):
        try:
            return parse_month(text) if text else None
        except MonthInvalid as exc:
            raise BillingError(str(exc)) from None

    def _report(self, report) -> None:
        counts = report.counts
        program, month = report.program, month_name(report.month)
        self.stdout.write(f"{program.name} ({program.code}), {month}: {number(counts['theirs'])} baris BPJS, "
                          f"{number(counts['ours'])} baris tagihan Jaring.")  # fmt: skip
        self.stdout.write(f"  {number(counts['matched']):>9}  cocok")
        for kind in Kind:
            self.stdout.write(f"  {number(counts[kind]):>9}  {KIND_LABELS[kind]}")
        for notice in report.notices:
            self.stdout.write(f"  • {notice}")
        differences = report.comparison.differences
        for d in differences[:SHOWN_DIFFERENCES]:
            self.stdout.write(f"  KPJ {d.kpj} ({KIND_LABELS[d.kind]}; Jaring {_amounts(d.our_billed, d.our_paid)}, "
                              f"BPJS {_amounts(d.their_billed, d.their_paid)}): {d.action}")  # fmt: skip
        if len(differences) > SHOWN_DIFFERENCES:
            self.stdout.write(f"  … dan {number(len(differences) - SHOWN_DIFFERENCES)} selisih lain.")


def _amounts(billed, paid) -> str:
    if billed is None:
        return "-"
    return f"tagihan {rupiah(billed)}" + ("" if paid is None else f", dibayar {rupiah(paid)}")
