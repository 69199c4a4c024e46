from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.demo.runner import DemoError, DemoOptions, run_demo


class Command(JaringCommand):
    help = (
        "Siapkan dan jalankan demo: SQLite di var/, Kabupaten Trenggalek sintetis, pengguna demo untuk setiap "
        "peran, server di http://127.0.0.1:8000 dan pekerja latar belakang. Jalankan ulang memakai data yang ada."
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--population", type=int, default=50_000, help="Jumlah penduduk sintetis (bawaan 50.000)")
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--reset", action="store_true", help="Hapus basis data demo dan buat ulang")
        parser.add_argument("--no-serve", action="store_true", help="Hanya siapkan data, jangan jalankan server")

    def handle(self, *args, population, seed, port, reset, no_serve, **options):
        if population <= 0:
            raise CommandError("Jumlah penduduk harus lebih dari 0.")
        opts = DemoOptions(
            var_dir=Path(settings.VAR_DIR), population=population, seed=seed, port=port, reset=reset, serve=not no_serve
        )
        try:
            run_demo(opts)
        except DemoError as exc:
            raise CommandError(str(exc)) from None
