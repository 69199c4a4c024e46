from collections import Counter

from django.core.management.base import CommandError
from lokal import format_rupiah

from jaring.commands import JaringCommand
from jaring.programs.models import Program
from jaring.programs.rates import number
from jaring.programs.services.selection import SelectionRefused, selection_compute, selection_preview

#: Printed whatever the terminal's language: the command speaks Bahasa Indonesia like the rest of the CLI.
WAITING_LABELS = {
    "waiting_budget": "anggaran habis",
    "waiting_quota": "kuota penuh",
    "waiting_no_source": "tak ada sumber yang boleh membiayai",
}


class Command(JaringCommand):
    help = (
        "Pilih penerima satu program dalam batas anggaran, kuota dan pembatasan sumber dana, lalu cetak jumlah "
        "terpilih dan menunggu per sumber dana; simpan sebagai draf seleksi hanya dengan --wet-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="Kode program, mis. pr-2026")
        parser.add_argument("--wet-run", action="store_true", help="Simpan sebagai draf seleksi; tanpa ini uji coba")

    def handle(self, *args, program, wet_run, **options):
        program_obj = Program.objects.filter(code=program).first()
        if program_obj is None:
            raise CommandError(f"Program {program!r} tidak ada.")
        try:
            inputs, allocation = selection_preview(program_obj)
            selection = selection_compute(program=program_obj, actor=None) if wet_run else None
        except SelectionRefused as exc:
            raise CommandError(str(exc)) from None
        self._report(program_obj, inputs, allocation)
        if selection is None:
            self.stdout.write("Uji coba saja: tidak ada yang disimpan. Tambahkan --wet-run untuk menyimpan draf.")
        else:
            self.stdout.write(
                f"Disimpan sebagai draf seleksi #{selection.pk}; verifikator mengajukannya di halaman Seleksi."
            )

    def _report(self, program, inputs, allocation) -> None:
        decisions = allocation.decisions
        outcomes = Counter(decisions["outcome"].to_list())
        selected, waiting, out = (number(outcomes[k]) for k in ("selected", "waiting", "ineligible"))
        self.stdout.write(
            f"{program.name} ({program.code}): {number(decisions.height)} calon, {selected} terpilih, "
            f"{waiting} menunggu, {out} tidak lolos verifikasi."
        )
        self.stdout.write(f"  {'Sumber dana':<42} {'Terpilih':>9} {'Biaya':>18} {'Sisa':>16}")
        for use, source in zip(allocation.sources, inputs.sources, strict=True):
            spent, left = format_rupiah(use.spent), format_rupiah(use.remaining)
            self.stdout.write(f"  {source.name[:42]:<42} {number(use.selected):>9} {spent:>18} {left:>16}")
        waiting = Counter(decisions.filter(decisions["outcome"] == "waiting")["reason"].to_list())
        for reason, label in WAITING_LABELS.items():
            if waiting[reason]:
                self.stdout.write(f"  menunggu, {label}: {number(waiting[reason])}")
