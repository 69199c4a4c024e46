from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from jaring.billing.periods import MonthInvalid, parse_month
from jaring.commands import JaringCommand
from jaring.core.regioncodes import InvalidRegionCode, normalize
from jaring.monitoring.reports.services import (
    ReportNotFound,
    ReportRefused,
    coverage_report_render,
    village_list_render,
    yearly_report_render,
)

NATION = {"id", "indonesia", "nasional"}


class Command(JaringCommand):
    help = (
        "Tulis laporan ke berkas .xlsx atau PDF: cakupan sebuah wilayah (coverage), daftar penerima sebuah desa "
        "(village), atau laporan tahunan kepada Bupati (yearly). Sebagai sistem: semua wilayah; tiap laporan "
        "dicatat di log audit."
    )

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="{coverage,village,yearly}")
        coverage = kinds.add_parser("coverage", help="Laporan cakupan sebuah wilayah untuk satu tahun")
        coverage.add_argument("--scope", required=True, help="Kode wilayah (35, 35.03, 35.03.01 …) atau 'id'")
        coverage.add_argument("--year", type=int, help="Tahun; bawaan: tahun ini")
        coverage.add_argument(
            "--public", action="store_true", help="Versi publik: angka 1–4 (dan pelengkapnya) ditulis x"
        )
        village = kinds.add_parser("village", help="Daftar penerima sebuah desa untuk kantor desa")
        village.add_argument("--village", required=True, help="Kode desa, mis. 35.03.01.2001")
        village.add_argument("--program", required=True, help="Kode program, mis. pr-2026")
        village.add_argument("--month", help="Bulan iuran yang dicek lunasnya, YYYY-MM; bawaan: bulan ini")
        yearly = kinds.add_parser("yearly", help="Laporan tahunan kepada Bupati")
        yearly.add_argument("--regency", required=True, help="Kode kabupaten/kota, mis. 35.03")
        yearly.add_argument("--year", type=int, help="Tahun; bawaan: tahun ini")
        for sub in (coverage, village, yearly):
            sub.add_argument("--format", choices=["pdf", "xlsx"], help="Bawaan: dari akhiran --out")
            sub.add_argument("--out", required=True, help="Berkas tujuan, mis. laporan.pdf")

    def handle(self, *args, kind, out, format=None, **options):
        fmt = format or Path(out).suffix.lstrip(".").lower()
        if fmt not in ("pdf", "xlsx"):
            raise CommandError("Sebutkan --format pdf atau xlsx (atau akhiri --out dengan salah satunya).")
        try:
            report = getattr(self, f"_{kind}")(fmt, options)
        except (ReportNotFound, ReportRefused) as exc:
            raise CommandError(str(exc)) from None
        Path(out).write_bytes(report.content)
        self.stdout.write(f"Laporan ditulis ke {out} ({len(report.content):,} bita).".replace(",", "."))

    def _coverage(self, fmt: str, options: dict):
        scope = options["scope"].strip()
        code = None if scope.lower() in NATION else _code(scope)
        year = options.get("year") or timezone.localdate().year
        return coverage_report_render(code=code, year=year, fmt=fmt, public=options["public"], actor=None)

    def _village(self, fmt: str, options: dict):
        try:
            month = parse_month(options["month"]) if options.get("month") else None
        except MonthInvalid as exc:
            raise CommandError(str(exc)) from None
        return village_list_render(village_code=_code(options["village"]), program_code=options["program"],
                                   fmt=fmt, month=month, actor=None)  # fmt: skip

    def _yearly(self, fmt: str, options: dict):
        year = options.get("year") or timezone.localdate().year
        return yearly_report_render(regency_code=_code(options["regency"]), year=year, fmt=fmt, actor=None)


def _code(text: str) -> str:
    try:
        return normalize(text)
    except InvalidRegionCode as exc:
        raise CommandError(str(exc)) from None
