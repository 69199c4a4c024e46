"""Seed the billing stage into a demo database whose memberships exist (run by `jaring demo` after migrating)."""

from django.core.management.base import CommandError
from django.utils import timezone

from jaring.commands import JaringCommand
from jaring.demo.billing import demo_billing_seed
from jaring.demo.models import DemoSeed
from jaring.programs.models import Program


class Command(JaringCommand):
    help = (
        "Isi tahap iuran demo (tagihan tiap bulan sampai bulan ini, pembayaran, satu sumber dana menunggak, "
        "rekonsiliasi, satu penerima meninggal diganti dari daftar tunggu) bila kepesertaan demo sudah ada dan "
        "belum ditagih. Tidak mengubah apa pun bila sudah."
    )

    def handle(self, *args, **options):
        demo = DemoSeed.objects.order_by("created_at").first()
        if demo is None:
            raise CommandError("Ini bukan basis data demo: tahap iuran demo hanya diisi ke basis data `jaring demo`.")
        program = Program.objects.filter(regency_id=demo.regency).order_by("-year", "-pk").first()
        summary = demo_billing_seed(program, today=timezone.localdate()) if program else None
        if summary is None:
            self.stdout.write("Tahap iuran demo sudah ada (atau belum ada kepesertaan); tidak ada yang diubah.")
        else:
            self.stdout.write(f"Iuran demo siap: {summary}")
