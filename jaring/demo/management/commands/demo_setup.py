"""Build the demo database (run by `jaring demo` into a temporary file, renamed only when complete)."""

import time

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from jaring.commands import JaringCommand
from jaring.demo.billing import demo_billing_seed
from jaring.demo.decree import demo_decree_seed
from jaring.demo.denominators import demo_denominators_seed
from jaring.demo.enrollment import demo_enrollment_seed
from jaring.demo.intake import demo_intake_seed
from jaring.demo.models import DemoSeed
from jaring.demo.monitoring import demo_monitoring_seed
from jaring.demo.selection import demo_selection_seed
from jaring.demo.services import demo_regency_generate
from jaring.demo.summaries import seed_summaries
from jaring.demo.users import demo_users_ensure
from jaring.demo.verification import demo_verification_seed
from jaring.programs.models import Program
from jaring.regions.crosswalk import SAMPLE_FILE
from jaring.regions.services import crosswalk_load, regions_load


class Command(JaringCommand):
    help = "Isi basis data demo: migrasi, wilayah, Kabupaten Trenggalek sintetis, pengguna demo, usulan desa."

    def add_arguments(self, parser):
        parser.add_argument("--regency", default="35.03")
        parser.add_argument("--population", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=2025)

    def handle(self, *args, regency, population, seed, **options):
        self._step("Membuat tabel (migrasi)")
        call_command("migrate", verbosity=0)
        self._step("Memuat 91.599 wilayah Kemendagri")
        regions_load()
        crosswalk_load(data=SAMPLE_FILE.read_bytes(), source_name=SAMPLE_FILE.name)
        self._step(f"Membuat penduduk sintetis {regency} ({population:,} jiwa)".replace(",", "."))
        summary = demo_regency_generate(regency=regency, population=population, seed=seed, progress=self._progress)
        self.stderr.write("")
        self._step("Membuat pengguna demo")
        demo_users_ensure()
        self._step("Mengisi usulan desa: program tahun ini, berkas dari desa, pemeriksaan, pengembalian")
        intake = demo_intake_seed(regency=regency, seed=seed, progress=self._progress)
        self.stderr.write("")
        self._step("Verifikasi usulan terhadap data kependudukan, keputusan pertama verifikator")
        verification = demo_verification_seed(regency=regency, seed=seed)
        self._step("Sumber dana, kuota dan prioritas; seleksi dihitung, diajukan dan disetujui")
        selection = demo_selection_seed(regency=regency, seed=seed)
        self._step("SK Bupati disusun dan ditetapkan; SK perubahan dengan pengganti dari daftar tunggu")
        decree = demo_decree_seed(regency=regency, seed=seed)
        self._step("Pendaftaran ke BPJS: PKS, berkas pendaftaran, jawaban BPJS dengan KPJ, kepesertaan aktif")
        program = Program.objects.filter(regency_id=regency).order_by("-year", "-pk").first()
        enrollment = demo_enrollment_seed(program, today=timezone.localdate()) if program else None
        self._step("Iuran: tagihan bulanan, pembayaran, tunggakan, rekonsiliasi, penerima meninggal diganti")
        billing = demo_billing_seed(program, today=timezone.localdate()) if program else None
        self._step("Penyebut cakupan: jumlah pekerja per desa/kelurahan, seperti tabel BPS")
        denominators = demo_denominators_seed(regency, seed)
        self._step("Pemantauan: angka dasbor cakupan")
        monitoring = demo_monitoring_seed(regency)
        self._step("Rekap provinsi: ringkasan bertanda tangan dari kabupaten/kota lain, diimpor pemantau provinsi")
        summaries = seed_summaries(province=regency[:2], seed=seed)
        DemoSeed.objects.create(regency=regency, population=population, seed=seed)
        with connection.cursor() as cursor:
            # One self-contained file, so the caller can rename it into place.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.execute("PRAGMA journal_mode=DELETE")
        self.stdout.write(f"Data demo siap: {summary}")
        if intake is not None:
            self.stdout.write(f"Usulan demo: {intake}")
        if verification is not None:
            self.stdout.write(f"Verifikasi demo: {verification}")
        if selection is not None:
            self.stdout.write(f"Seleksi demo: {selection}")
        if decree is not None:
            self.stdout.write(f"SK demo: {decree}")
        if enrollment is not None:
            self.stdout.write(f"Pendaftaran BPJS demo: {enrollment}")
        if billing is not None:
            self.stdout.write(f"Iuran demo: {billing}")
        self.stdout.write(f"Penyebut cakupan demo: {denominators}")
        if monitoring is not None:
            self.stdout.write(f"Pemantauan demo: {monitoring}")
        if summaries is not None:
            self.stdout.write(f"Rekap demo: {summaries}")

    def _step(self, text: str) -> None:
        self._started = time.perf_counter()
        self.stderr.write(f"• {text}…")

    def _progress(self, done: int, total: int) -> None:
        pct = 100 * done // max(total, 1)
        self.stderr.write(f"\r  {done:,}/{total:,} ({pct}%)".replace(",", "."), ending="")
        self.stderr.flush()
