"""`jaring summary export|import|key`: the signed summary files of the roll-up from the command line."""

from pathlib import Path

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.core.regioncodes import InvalidRegionCode, normalize
from jaring.monitoring.privacy import mark
from jaring.monitoring.services_summaries import (
    Outcome,
    SummaryCheck,
    sender_key_create,
    summary_check,
    summary_export,
    summary_import,
)
from jaring.monitoring.summary_file import SummaryRefused
from jaring.programs.rates import month_name, number, rupiah


def _read(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"Berkas {path} tidak ada.")
    return file.read_bytes()


def _secret(path: str) -> str:
    secret = _read(path).decode("utf-8", "replace").strip()
    if not secret:
        raise CommandError(f"Berkas rahasia {path} kosong.")
    return secret


def _regency(code: str) -> str:
    try:
        return normalize(code)
    except InvalidRegionCode as exc:
        raise CommandError(str(exc)) from None


class Command(JaringCommand):
    help = (
        "Ringkasan bertanda tangan untuk rekap provinsi/nasional: `export` menulis ringkasan satu kabupaten/kota, "
        "`import` memeriksa ringkasan (menyimpan hanya dengan --wet-run), `key` membuat kunci pengirim (rahasia "
        "dicetak sekali) atau mendaftarkan kunci dari instans lain."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Tulis ringkasan bertanda tangan satu kabupaten/kota")
        export.add_argument("--regency", required=True, help="Kode kabupaten/kota, misalnya 35.03")
        export.add_argument("--year", type=int, required=True)
        export.add_argument("--key-id", required=True, help="Kode kunci dari pemantau")
        export.add_argument("--secret-file", required=True, help="Berkas berisi rahasia kunci")
        export.add_argument("--out", required=True, help="Berkas keluaran (.json)")
        imported = actions.add_parser("import", help="Periksa dan (dengan --wet-run) simpan ringkasan")
        imported.add_argument("file")
        imported.add_argument("--wet-run", action="store_true", help="Simpan; tanpa ini hanya uji coba")
        key = actions.add_parser("key", help="Buat kunci pengirim, atau daftarkan kunci dari instans lain")
        key.add_argument("--regency", required=True)
        key.add_argument("--key-id", default="", help="Daftarkan kunci yang dibuat di instans lain")
        key.add_argument("--secret-file", default="", help="Rahasia kunci yang didaftarkan")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except SummaryRefused as exc:
            raise CommandError(str(exc)) from None

    def _export(self, *, regency, year, key_id, secret_file, out, **options):
        data = summary_export(regency_code=_regency(regency), year=year, key_id=key_id, secret=_secret(secret_file))
        Path(out).write_bytes(data)
        self.stdout.write(f"Ringkasan {regency} tahun {year} ditulis ke {out} (kunci {key_id}).")

    def _import(self, *, file, wet_run=False, **options):
        data = _read(file)
        check = summary_check(data=data, actor=None)
        self._report(check)
        if not wet_run:
            self.stdout.write("Uji coba saja: tidak ada yang disimpan. Tambahkan --wet-run untuk menyimpan.")
            return
        if summary_import(data=data, actor=None).outcome == Outcome.SAME:
            self.stdout.write("Berkas ini sudah pernah diimpor; tidak ada yang berubah.")
        else:
            self.stdout.write("Disimpan.")

    def _report(self, check: SummaryCheck) -> None:
        s = check.summary
        shown = lambda n: mark() if n is None else number(n)  # noqa: E731
        month = month_name(s.month) if s.month else "belum ada angka"
        what = {Outcome.NEW: "baru", Outcome.REPLACES: "menggantikan ringkasan yang ada", Outcome.SAME: "sama"}
        self.stdout.write(f"{s.regency_name} ({s.regency_code}) {s.year}, {month}: {what[check.outcome]}.")
        self.stdout.write(
            f"  program: {'ada' if s.has_program else 'tidak ada'}; anggaran {rupiah(s.budget_allocated)}"
        )
        self.stdout.write(f"  peserta {shown(s.members)}, terlindungi {shown(s.covered)}, menunggak {shown(s.arrears)}")
        for name, counts in (("kategori", s.by_category), ("sumber dana", s.by_source)):
            self.stdout.write(f"  per {name}: " + ", ".join(f"{k} {shown(v)}" for k, v in counts.items()))
        for notice in check.notices:
            self.stdout.write(f"  catatan: {notice}")

    def _key(self, *, regency, key_id="", secret_file="", **options):
        if bool(key_id) != bool(secret_file):
            raise CommandError("Untuk mendaftarkan kunci dari instans lain, sebutkan --key-id dan --secret-file.")
        secret = _secret(secret_file) if secret_file else ""
        key = sender_key_create(regency_code=_regency(regency), actor=None, key_id=key_id, secret=secret)
        if secret:
            self.stdout.write(f"Kunci {key.key_id} untuk {key.regency_code} didaftarkan.")
            return
        self.stdout.write(f"Kunci pengirim untuk {key.regency_code} dibuat. Rahasia ini hanya dicetak sekali; "
                          "serahkan lewat saluran aman:")  # fmt: skip
        self.stdout.write(f"  kode kunci: {key.key_id}")
        self.stdout.write(f"  rahasia:    {key.secret}")
