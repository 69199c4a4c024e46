"""Seed the verification stage into a demo database that predates it (run by `jaring demo` after migrating)."""

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.demo.models import DemoSeed
from jaring.demo.verification import demo_verification_seed


class Command(JaringCommand):
    help = (
        "Isi tahap verifikasi demo (selisih usulan dengan data kependudukan, verifikasi, keputusan pertama "
        "verifikator) bila program demo belum diverifikasi. Tidak mengubah apa pun bila sudah."
    )

    def handle(self, *args, **options):
        demo = DemoSeed.objects.order_by("created_at").first()
        if demo is None:
            raise CommandError(
                "Ini bukan basis data demo: tahap verifikasi demo hanya diisi ke basis data `jaring demo`."
            )
        summary = demo_verification_seed(regency=demo.regency, seed=demo.seed)
        if summary is None:
            self.stdout.write("Tahap verifikasi demo sudah ada (atau belum ada program); tidak ada yang diubah.")
        else:
            self.stdout.write(f"Verifikasi demo siap: {summary}")
