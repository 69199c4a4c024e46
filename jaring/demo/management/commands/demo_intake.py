"""Seed the intake stage into a demo database that predates it (run by `jaring demo` after migrating)."""

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.demo.intake import demo_intake_seed
from jaring.demo.models import DemoSeed
from jaring.demo.services import DemoDataError


class Command(JaringCommand):
    help = (
        "Isi tahap usulan demo (program tahun ini, berkas usulan desa, usulan yang dikembalikan verifikator) bila "
        "basis data demo belum punya program. Tidak mengubah apa pun bila sudah ada."
    )

    def handle(self, *args, **options):
        demo = DemoSeed.objects.order_by("created_at").first()
        if demo is None:
            raise CommandError("Ini bukan basis data demo: tahap usulan demo hanya diisi ke basis data `jaring demo`.")
        try:
            summary = demo_intake_seed(regency=demo.regency, seed=demo.seed)
        except DemoDataError as exc:
            raise CommandError(str(exc)) from None
        if summary is None:
            self.stdout.write("Tahap usulan demo sudah ada; tidak ada yang diubah.")
        else:
            self.stdout.write(f"Usulan demo siap: {summary}")
