from datetime import date

from django.core.management.base import CommandError
from django.db import transaction

from jaring.commands import JaringCommand
from jaring.donations.models import DonorKind
from jaring.donations.selectors import source_summaries
from jaring.donations.services import DonationError, donation_record
from jaring.programs.models import Program
from jaring.programs.rates import number, rupiah


class Command(JaringCommand):
    help = "Catat donasi ke sumber dana donasi atau CSR/BAZNAS sebuah program; tanpa --wet-run hanya uji coba."

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="Kode program")
        parser.add_argument("--source", required=True, help="Nama sumber dana (jenis Donasi atau CSR/BAZNAS)")
        parser.add_argument("--amount", required=True, help="Jumlah rupiah, mis. 5000000 atau 5.000.000")
        parser.add_argument("--date", required=True, help="Tanggal terima YYYY-MM-DD")
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--donor", help="Nama donatur")
        who.add_argument("--anonymous", action="store_true", help="Donatur anonim (Hamba Allah)")
        parser.add_argument("--donor-kind", choices=DonorKind.values, default=DonorKind.PERSON, help="Jenis donatur")
        parser.add_argument("--reference", default="", help="Nomor referensi transfer bank")
        parser.add_argument("--note", default="", help="Catatan")
        parser.add_argument("--wet-run", action="store_true", help="Simpan; tanpa ini hanya uji coba")

    def handle(self, *args, program, source, amount, date: str, donor, anonymous, donor_kind, reference, note,
               wet_run=False, **options):  # fmt: skip
        found = self._source(program, source)
        received_on = _day(date)
        with transaction.atomic():
            try:
                donation = donation_record(source=found, donor_name=donor or "", anonymous=anonymous,
                                           donor_kind=donor_kind, amount=amount, received_on=received_on,
                                           reference=reference, note=note, actor=None)  # fmt: skip
            except DonationError as exc:
                raise CommandError(str(exc)) from None
            self._report(found, donation)
            if not wet_run:
                transaction.set_rollback(True)
        if not wet_run:
            self.stdout.write("Uji coba saja: tidak ada yang disimpan. Tambahkan --wet-run untuk mencatatnya.")

    def _source(self, code: str, name: str):
        program = Program.objects.filter(code=code).first()
        if program is None:
            raise CommandError(f"Program {code!r} tidak ada.")
        found = program.sources.filter(name__iexact=name.strip()).first()
        if found is None:
            names = ", ".join(program.sources.values_list("name", flat=True)) or "-"
            raise CommandError(f"Sumber dana {name!r} tidak ada di program {code} (yang ada: {names}).")
        return found

    def _report(self, source, donation) -> None:
        donor = "Hamba Allah (anonim)" if donation.anonymous else donation.donor_name
        self.stdout.write(f"Donasi {rupiah(donation.amount)} dari {donor}, {donation.received_on:%d-%m-%Y}, "
                          f"ke {source.name}.")  # fmt: skip
        summary = next(s for s in source_summaries(source.program) if s.source.pk == source.pk)
        self.stdout.write(f"Anggaran {source.name} menjadi {rupiah(summary.received)}.")
        if summary.earmark is None:
            self.stdout.write(f"Bulan-pekerja tidak bisa dihitung: {summary.problem}")
            return
        self.stdout.write(f"Menanggung {number(summary.earmark.worker_months)} bulan-pekerja "
                          f"(sisa {rupiah(summary.earmark.remainder)}); SK yang berlaku memakai "
                          f"{number(summary.committed_worker_months)}, masih bebas "
                          f"{number(summary.free_worker_months)}.")  # fmt: skip


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Tanggal {text!r} tidak sah; tulis seperti 2026-03-15.") from None
