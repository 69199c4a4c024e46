import argparse
import threading
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


class _ProgressLine:
    """One stderr line rewritten in place; a ticker refreshes the clock while a long step (a delete, the
    commit) reports nothing, so the person at the terminal sees it is still working."""

    def __init__(self, out):
        self.out, self.lock, self.stopped = out, threading.Lock(), threading.Event()
        self.started = time.monotonic()
        self.label, self.done, self.total, self.drawn = "", 0, 0, False
        threading.Thread(target=self._tick, daemon=True).start()

    def stage(self, label: str) -> None:
        with self.lock:
            if self.drawn:
                self.out.write("")
            self.label, self.done, self.total = label, 0, 0
            self._draw()

    def progress(self, done: int, total: int) -> None:
        with self.lock:
            self.done, self.total = done, total
            self._draw()

    def close(self) -> None:
        self.stopped.set()
        with self.lock:
            if self.drawn:
                self.out.write("")
            self.drawn = False

    def _tick(self) -> None:
        while not self.stopped.wait(0.5):
            with self.lock:
                if self.drawn:
                    self._draw()

    def _draw(self) -> None:
        counts = "…"
        if self.total:
            counts = f": {_number(self.done)} / {_number(self.total)} ({100 * self.done // self.total}%)"
        self.out.write(f"\r{self.label}{counts}, {time.monotonic() - self.started:.0f} detik   ", ending="")
        self.out.flush()
        self.drawn = True


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
        line = _ProgressLine(self.stderr)
        try:
            summary = demo_regency_generate(
                regency=regency,
                population=population,
                seed=seed,
                extract_date=extract_date,
                replace=replace,
                progress=line.progress,
                stage=line.stage,
            )
        except DemoDataError as exc:
            raise CommandError(str(exc)) from None
        finally:
            line.close()
        self.stdout.write(f"Selesai: {summary}.")
