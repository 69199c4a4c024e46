import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.dbstate import database_state


class Command(JaringCommand):
    help = (
        "Jalankan Jaring di belakang gunicorn (WSGI), berkas statis dilayani WhiteNoise. Untuk produksi: "
        "JARING_MODE=production, SECRET_KEY, ALLOWED_HOSTS dan DATABASE_URL dari lingkungan."
    )
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("JARING_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("JARING_WORKERS", "0")) or None)
        parser.add_argument("--dry-run", action="store_true", help="Periksa semuanya, tetapi jangan jalankan server")

    def handle(self, *args, bind, workers, dry_run, **options):
        state = database_state()
        if not state.ok:
            raise CommandError(state.message())
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
        if gunicorn is None:
            raise CommandError("gunicorn tidak terpasang; pasang Jaring dengan `pip install jaring`.")
        call_command("collectstatic", interactive=False, verbosity=0)
        workers = workers or min(2 * (os.cpu_count() or 1) + 1, 9)
        argv = [
            gunicorn,
            "jaring.config.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--timeout",
            "120",
        ]
        mode = "produksi" if settings.PRODUCTION else "pengembangan"
        self.stdout.write(f"Jaring ({mode}) di http://{bind}/ dengan {workers} proses gunicorn.")
        if dry_run:
            return
        sys.stdout.flush()
        os.execv(gunicorn, argv)
