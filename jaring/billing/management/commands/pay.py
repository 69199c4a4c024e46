from datetime import date
from pathlib import Path

from django.core.files import File
from django.core.management.base import CommandError

from jaring.billing.models import PaymentChannel
from jaring.billing.periods import month_text
from jaring.billing.services import BillingError, payment_record
from jaring.billing.services.payment_preview import payment_preview
from jaring.commands import JaringCommand
from jaring.programs.rates import rupiah


class Command(JaringCommand):
    help = (
        "Catat pembayaran iuran dengan kode iuran; uang masuk ke bulan tertua yang belum dibayar lebih dulu. Tanpa "
        "--wet-run hanya memeriksa dan menampilkan ke bulan mana uangnya masuk."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kode-iuran", required=True, help="Kode iuran 11 angka")
        parser.add_argument("--amount", required=True, help="Jumlah rupiah, misalnya 50400")
        parser.add_argument("--date", required=True, help="Tanggal bayar YYYY-MM-DD")
        parser.add_argument("--channel", required=True, choices=PaymentChannel.values, help="Saluran pembayaran")
        parser.add_argument("--reference", default="", help="Nomor referensi bank")
        parser.add_argument("--receipt", help="Bukti bayar (PDF, JPG atau PNG)")
        parser.add_argument("--wet-run", action="store_true", help="Catat pembayarannya; tanpa ini hanya uji coba")

    def handle(self, *args, kode_iuran, amount, date, channel, reference, receipt=None, wet_run=False, **options):
        paid_on = _day(date)
        with _opened(receipt) as upload:
            details = {"kode_iuran": kode_iuran, "amount": amount, "paid_on": paid_on, "channel": channel,
                       "reference": reference, "receipt": upload}  # fmt: skip
            try:
                invoice, shares = payment_preview(**details)
                if wet_run:
                    payment_record(**details, actor=None)
            except BillingError as exc:
                raise CommandError(str(exc)) from None
        self.stdout.write(f"Kode iuran {invoice.kode_iuran}: {invoice.program.code}, {invoice.source.name}")
        for share in shares:
            self.stdout.write(f"  {month_text(share.month)}: {rupiah(share.amount)}")
        if wet_run:
            self.stdout.write("Pembayaran dicatat.")
        else:
            self.stdout.write("Uji coba saja: tidak ada yang disimpan. Tambahkan --wet-run untuk mencatat.")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Tanggal {text!r} tidak sah; tulis seperti 2026-02-10.") from None


class _opened:
    """The receipt file as Django's ``File`` (None without one), closed afterwards."""

    def __init__(self, path: str | None):
        self.path, self.handle = path, None

    def __enter__(self):
        if not self.path:
            return None
        if not Path(self.path).is_file():
            raise CommandError(f"Berkas {self.path} tidak ada.")
        self.handle = open(self.path, "rb")
        return File(self.handle, name=Path(self.path).name)

    def __exit__(self, *exc):
        if self.handle:
            self.handle.close()
