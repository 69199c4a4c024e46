"""An invoice's .xlsx for the treasurer: every line the user may see, written as it is read from the database
(``iterator``), and an audit row, since the file lists people by name and KPJ."""

from typing import IO

from jaring.accounts.scoping import may_act
from jaring.programs.rates import month_name

from ..documents import write_invoice
from ..models import Invoice
from ..selectors import lines_visible_to, may_read_billing
from .common import BillingError, audit

CHUNK = 5_000


def invoice_header(invoice: Invoice) -> list[tuple[str, object]]:
    """The header block, in the words of the printed invoice."""
    return [
        ("Program", f"{invoice.program.name} ({invoice.program.code})"),
        ("Sumber dana", invoice.source.name),
        ("Bulan", month_name(invoice.month)),
        ("Kode iuran", invoice.kode_iuran),
        ("Jatuh tempo", invoice.due_on),
        ("Iuran per orang", invoice.rate),
        ("Jumlah kepesertaan", invoice.lines_count),
        ("Jumlah tagihan", invoice.total),
        ("Sudah dibayar", invoice.paid),
        ("Belum dibayar", invoice.outstanding),
    ]


def invoice_export(*, invoice: Invoice, target: IO[bytes], actor) -> int:
    """Write ``invoice`` as .xlsx to ``target`` with the lines ``actor`` may see; returns how many."""
    if not may_act(actor, invoice.regency_code, may_read_billing):
        raise BillingError("Anda tidak berwenang mengunduh tagihan ini.")
    lines = lines_visible_to(actor, invoice)
    count = lines.count()
    rows = (
        (no, kpj, name, village, amount, no <= invoice.covered_lines)
        for no, kpj, name, village, amount in lines.values_list(
            "line_no", "kpj", "membership__person__full_name", "village__name", "amount"
        ).iterator(chunk_size=CHUNK)
    )
    write_invoice(target, header=invoice_header(invoice), lines=rows, count=count, total=invoice.total)
    audit("invoice_downloaded", actor, object_type="invoice", object_id=invoice.pk, region_code=invoice.regency_code,
          detail={"kode_iuran": invoice.kode_iuran, "lines": count})  # fmt: skip
    return count
