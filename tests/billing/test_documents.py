"""An invoice as .xlsx, read back as a treasurer's spreadsheet would: the header, one row per line with KPJ as
text, the paid mark, and a total written as a number."""

import io
from decimal import Decimal

import fastexcel
import pytest

from jaring.billing.documents import write_invoice
from jaring.billing.services import invoices_issue, payment_record
from jaring.billing.services.common import BillingError
from jaring.billing.services.invoice_documents import invoice_export

from .conftest import JANUARY, RATE


def read_back(data: bytes):
    return fastexcel.read_excel(data).load_sheet(0, header_row=None, dtypes="string").to_polars()


def test_the_file_has_its_header_lines_as_text_and_a_total_without_a_formula():
    lines = [(1, "00170100002", "PAIMAN", "Besuki", Decimal(RATE), True), (2, "=1+1", "WAGIYO", "Besuki", RATE, False)]
    target = io.BytesIO()
    write_invoice(target, header=[("Kode iuran", "35036010011"), ("Jumlah tagihan", Decimal(2 * RATE))], lines=lines,
                  count=2, total=Decimal(2 * RATE))  # fmt: skip
    sheet = read_back(target.getvalue())
    rows = [list(row) for row in sheet.iter_rows()]
    assert rows[1][:3] == ["Kode iuran", None, "35036010011"]
    assert rows[4] == ["No.", "KPJ", "Nama", "Desa/Kelurahan", "Iuran (Rp)", "Lunas"]
    assert rows[5] == ["1", "00170100002", "PAIMAN", "Besuki", "16800", "ya"]  # the KPJ keeps its leading zeros
    assert rows[6][1] == "'=1+1" and rows[6][5] == "belum"
    assert rows[7][0] == "Jumlah" and rows[7][4] == "33600"
    assert b"<f>" not in _sheet_xml(target.getvalue())


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")


def test_a_regency_user_gets_every_line_with_its_name_and_paid_mark(program, memberships, users):
    run = invoices_issue(program=program, month=JANUARY, actor=None)
    invoice = next(b.invoice for b in run.bills if b.source.kind == "apbd_kabupaten")
    payment_record(kode_iuran=invoice.kode_iuran, amount=RATE, paid_on=JANUARY, channel="atm", actor=None)
    invoice.refresh_from_db()
    target = io.BytesIO()
    assert invoice_export(invoice=invoice, target=target, actor=users["pejabat"]) == 3
    rows = [list(row) for row in read_back(target.getvalue()).iter_rows()]
    body = [row for row in rows if row[1] and row[1].startswith("1701")]
    assert sorted(row[2] for row in body) == ["AGUS", "PAIMAN", "WAGIYO"]
    assert [row[5] for row in body] == ["ya", "belum", "belum"]
    assert rows[-1][4] == str(3 * RATE)


def test_someone_who_may_not_read_billing_gets_no_file(program, memberships, users):
    run = invoices_issue(program=program, month=JANUARY, actor=None)
    with pytest.raises(BillingError, match="tidak berwenang"):
        invoice_export(invoice=run.bills[0].invoice, target=io.BytesIO(), actor=users["operator_besuki"])
