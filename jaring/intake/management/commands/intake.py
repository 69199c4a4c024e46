from datetime import date
from pathlib import Path

from django.apps import apps
from django.core.management.base import CommandError
from django.db import transaction

from jaring.commands import JaringCommand
from jaring.intake.lifecycle import BatchStatus
from jaring.intake.models import Source
from jaring.intake.services import IntakeError, batch_check, batch_commit, batch_upload
from jaring.regions.models import Region

STATUS_LABELS = {"ok": "OK", "warning": "peringatan", "error": "galat", "existing": "sudah ada"}


class Command(JaringCommand):
    help = (
        "Periksa berkas usulan/ekstrak (tahap 1) dan cetak laporannya; tulis ke registri (tahap 2) hanya dengan "
        "--wet-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--program", required=True, help="Kode program, mis. pr-2026")
        parser.add_argument("--village", help="Kode desa (usulan satu desa); kosong = seluruh kabupaten program")
        parser.add_argument("--source", default="usulan", choices=[s.replace("_", "-") for s in Source.values])
        parser.add_argument("--extract-date", type=date.fromisoformat, help="Tanggal ekstrak sumber (YYYY-MM-DD)")
        parser.add_argument("--accept-warnings", action="store_true", help="Tulis juga baris berperingatan")
        parser.add_argument("--wet-run", action="store_true", help="Benar-benar tulis; tanpa ini hanya diperiksa")

    def handle(self, *args, file, program, village, source, extract_date, accept_warnings, wet_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        program_obj = self._program(program)
        region = self._region(village or program_obj.regency_id)
        with transaction.atomic():
            batch = self._check(program_obj, region, path, source.replace("-", "_"), extract_date)
            if batch.status == BatchStatus.REFUSED:
                raise CommandError(f"{path.name} ditolak: {batch.message}")
            self._report(batch)
            if wet_run:
                result = batch_commit(batch=batch, accept_warnings=accept_warnings, actor=None)
                self.stdout.write(f"Ditulis: {result['candidates']} calon baru ({result['people_new']} orang baru).")
            else:
                transaction.set_rollback(True)
        if not wet_run:
            batch.file.delete(save=False)
            self.stdout.write("Uji coba saja: tidak ada yang ditulis. Tambahkan --wet-run untuk menulis.")

    def _program(self, code: str):
        program = apps.get_model("programs", "Program").objects.filter(code=code).first()
        if program is None:
            raise CommandError(f"Program {code!r} tidak ada.")
        return program

    def _region(self, code: str) -> Region:
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise CommandError(f"Wilayah {code!r} tidak ada; muat wilayah dengan `jaring load-regions`.")
        return region

    def _check(self, program, region, path: Path, source: str, extract_date):
        try:
            batch = batch_upload(
                program=program,
                region=region,
                data=path.read_bytes(),
                filename=path.name,
                source=source,
                source_date=extract_date,
                actor=None,
                background=False,  # checked right here, in the foreground
            )
        except IntakeError as exc:
            raise CommandError(str(exc)) from None
        return batch_check(batch.pk, progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(f"\r  {done:,}/{total:,} baris diperiksa".replace(",", "."), ending="")

    def _report(self, batch) -> None:
        counts = batch.counts
        summary = ", ".join(f"{counts.get(k, 0)} {label}" for k, label in STATUS_LABELS.items())
        self.stdout.write(f"{batch.filename}: {batch.rows_total} baris — {summary}.")
        for code, kind in counts.get("by_kind", {}).items():
            self.stdout.write(f"  {kind['n']:>6} × {kind['severity']:<8} {code}: {kind['example']}")
