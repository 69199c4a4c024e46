"""Seed the enrollment stage into a demo database whose decree is final (run by `jaring demo` after migrating)."""

from django.core.management.base import CommandError
from django.utils import timezone

from jaring.commands import JaringCommand
from jaring.demo.enrollment import demo_enrollment_seed
from jaring.demo.models import DemoSeed
from jaring.programs.models import Program


class Command(JaringCommand):
    help = (
        "Isi tahap pendaftaran BPJS demo (PKS, berkas pendaftaran, jawaban BPJS dengan KPJ dan beberapa penolakan, "
        "kepesertaan yang sudah tiba tanggal mulainya diaktifkan) bila SK program demo sudah final dan belum "
        "didaftarkan. Tidak mengubah apa pun bila sudah."
    )

    def handle(self, *args, **options):
        demo = DemoSeed.objects.order_by("created_at").first()
        if demo is None:
            raise CommandError(
                "Ini bukan basis data demo: tahap pendaftaran BPJS demo hanya diisi ke basis data `jaring demo`."
            )
        program = Program.objects.filter(regency_id=demo.regency).order_by("-year", "-pk").first()
        summary = demo_enrollment_seed(program, today=timezone.localdate()) if program else None
        if summary is None:
            self.stdout.write("Tahap pendaftaran BPJS demo sudah ada (atau SK belum final); tidak ada yang diubah.")
        else:
            self.stdout.write(f"Pendaftaran BPJS demo siap: {summary}")
