import argparse
import time
from datetime import date

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.demo.services import DemoDataError, demo_regency_generate


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal {value!r} tidak sah, tulis TTTT-BB-HH") from None


class Command(JaringCommand):
    help = (
        "Buat penduduk sintetis satu kabupaten/kota: ekstrak data kependudukan (NIK, KK) dan registri "
        "orang seperti hasil impor DTSEN. Contoh: jaring demo-data --regency 35.03 --population 50000 --seed 2025"
    )

    def add_arguments(self, parser):
        parser.add_argument("--regency", default="35.03", help="Kode kabupaten/kota Kemendagri (bawaan 35.03)")
        parser.add_argument("--population", type=int, default=50_000, help="Jumlah penduduk (bawaan 50.000)")
        parser.add_argument("--seed", type=int, default=2025, help="Benih acak: benih sama, data sama")
        parser.add_argument("--extract-date", type=_date, help="Tanggal ekstrak, TTTT-BB-HH (bawaan hari ini)")
        parser.add_argument("--replace", action="store_true", help="Ganti data kabupaten/kota ini yang sudah ada")

    def handle(self, *args, regency, population, seed, extract_date, replace, **options):
        self._started = self._shown = time.monotonic()
        self._drawn, self._label = False, "Menulis penduduk"
        try:
            summary = demo_regency_generate(
                regency=regency,
                population=population,
                seed=seed,
                extract_date=extract_date,
                replace=replace,
                progress=self._progress,
                stage=self._stage,
            )
        except DemoDataError as exc:
            raise CommandError(str(exc)) from None
        finally:
            if self._drawn:
                self.stderr.write("")
        self.stdout.write(f"Selesai: {summary}.")

    def _stage(self, label: str) -> None:
        if self._drawn:
            self.stderr.write("")
        self._label, self._shown = label, 0.0

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._shown < 0.2:
            return
        self._shown, self._drawn = now, True
        percent = 100 * done // max(total, 1)
        self.stderr.write(
            f"\r{self._label}: {_number(done)} / {_number(total)} ({percent}%), {now - self._started:.0f} detik",
            ending="",
        )
        self.stderr.flush()
