"""Load the demo's coverage denominators into a demo database (run by `jaring demo` after the billing stage)."""

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.demo.denominators import demo_denominators_seed
from jaring.demo.models import DemoSeed


class Command(JaringCommand):
    help = (
        "Muat penyebut cakupan demo (jumlah pekerja dan pekerja informal sintetis per desa/kelurahan, menyerupai "
        "tabel BPS) untuk tahun program demo. Tidak mengubah apa pun bila sudah dimuat."
    )

    def handle(self, *args, **options):
        demo = DemoSeed.objects.order_by("created_at").first()
        if demo is None:
            raise CommandError("Ini bukan basis data demo: penyebut demo hanya dimuat ke basis data `jaring demo`.")
        self.stdout.write(f"Penyebut cakupan demo: {demo_denominators_seed(demo.regency, demo.seed)}")
