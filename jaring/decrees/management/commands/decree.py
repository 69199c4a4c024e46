from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction

from jaring.commands import JaringCommand
from jaring.decrees.documents.docx import TemplateInvalid
from jaring.decrees.lifecycle import DecreeStatus
from jaring.decrees.models import Decree
from jaring.decrees.services import DecreeRefused, decree_draft
from jaring.decrees.views import render_document
from jaring.programs.models import Program
from jaring.programs.rates import number, rupiah


class Command(JaringCommand):
    help = (
        "Tulis SK Bupati sebuah program (.docx) atau lampirannya (.xlsx, PDF) ke berkas: SK terakhir dalam "
        "rangkaiannya, atau --decree ID. --draft menyusun draf SK dari seleksi yang disetujui (disimpan hanya "
        "dengan --wet-run)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="Kode program, mis. pr-2026")
        parser.add_argument("--format", choices=["docx", "pdf", "xlsx"], help="Bawaan: dari akhiran --out")
        parser.add_argument("--out", required=True, help="Berkas tujuan, mis. sk-2026.docx")
        parser.add_argument("--public", action="store_true", help="Lampiran versi publik: NIK disamarkan")
        parser.add_argument("--decree", type=int, help="Nomor urut (id) SK; bawaan: SK terakhir")
        parser.add_argument("--draft", action="store_true", help="Susun draf SK dari seleksi yang disetujui")
        parser.add_argument("--wet-run", action="store_true", help="Simpan draf yang disusun --draft")

    def handle(self, *args, program, format, out, public, decree, draft, wet_run, **options):
        found = Program.objects.filter(code=program).first()
        if found is None:
            raise CommandError(f"Program {program!r} tidak ada.")
        fmt = format or Path(out).suffix.lstrip(".").lower()
        if fmt not in ("docx", "pdf", "xlsx"):
            raise CommandError("Sebutkan --format docx, pdf atau xlsx (atau akhiri --out dengan salah satunya).")
        try:
            with transaction.atomic():
                chosen = decree_draft(program=found, actor=None) if draft else self._decree(found, decree)
                content = render_document(chosen, fmt, public=public)
                self._report(chosen, fmt, out, public)
                if draft and not wet_run:
                    transaction.set_rollback(True)
        except (DecreeRefused, TemplateInvalid) as exc:
            raise CommandError(str(exc)) from None
        Path(out).write_bytes(content)
        if draft and not wet_run:
            self.stdout.write("Uji coba: draf SK tidak disimpan. Tambahkan --wet-run untuk menyimpannya.")

    def _decree(self, program, pk):
        decrees = Decree.objects.filter(program=program).exclude(status=DecreeStatus.DISCARDED)
        chosen = decrees.filter(pk=pk).first() if pk else decrees.order_by("-created_at", "-id").first()
        if chosen is None:
            raise CommandError(
                f"Program {program.code} belum punya SK itu. Susun drafnya dengan --draft --wet-run, "
                "atau di halaman SK."
            )
        return chosen

    def _report(self, decree, fmt, out, public) -> None:
        what = "SK" if fmt == "docx" else ("lampiran publik" if public else "lampiran")
        state = decree.number or "draf"
        self.stdout.write(
            f"{'SK perubahan' if decree.amends_id else 'SK'} {state}: {number(decree.recipients_count)} penerima, "
            f"{rupiah(decree.total_cost)}; {what} ditulis ke {out}."
        )
