"""Seed the monitoring stage into a demo database (run by `jaring demo` after migrating an older demo)."""

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.demo.models import DemoSeed
from jaring.demo.monitoring import demo_monitoring_seed


class Command(JaringCommand):
    help = "Isi tahap pemantauan demo: angka dasbor cakupan kabupaten demo."

    def handle(self, *args, **options):
        demo = DemoSeed.objects.order_by("created_at").first()
        if demo is None:
            raise CommandError("Ini bukan basis data demo: tahap pemantauan hanya diisi ke basis data `jaring demo`.")
        summary = demo_monitoring_seed(demo.regency)
        self.stdout.write(f"Pemantauan demo siap: {summary}" if summary else "Belum ada program demo untuk dipantau.")
