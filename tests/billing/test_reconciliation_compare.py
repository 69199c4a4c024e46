"""The comparison of BPJS's rows with Jaring's invoice lines: every kind of difference with its action, and the
matches counted. No database."""

from decimal import Decimal

from jaring.billing.reconciliation.compare import Kind, Member, OurLine, compare
from jaring.billing.reconciliation.files import StatusRow

RATE = Decimal(16800)


def ours(kpj: str, *, paid: bool = False, billed: Decimal = RATE) -> OurLine:
    return OurLine(kpj, billed, billed if paid else Decimal(0), Member(int(kpj[-2:]), "35.03.01.2001", f"P{kpj}"))


def theirs(kpj: str, *, paid: Decimal | None = Decimal(0), billed: Decimal = RATE, row: int = 2) -> StatusRow:
    return StatusRow(row, kpj, None, billed, paid, name=f"NAMA {kpj}")


def kinds(result) -> list[tuple[str, str]]:
    return [(d.kind, d.kpj) for d in result.differences]


def test_rows_that_agree_are_counted_as_matched_and_nothing_else():
    result = compare([ours("17010000001", paid=True), ours("17010000002")],
                     [theirs("17010000001", paid=RATE), theirs("17010000002")], members={})  # fmt: skip
    assert result.differences == [] and result.matched == 2
    assert result.counts == {**{k.value: 0 for k in Kind}, "matched": 2, "ours": 2, "theirs": 2}


def test_billed_here_but_not_by_bpjs_asks_bpjs():
    result = compare([ours("17010000001")], [], members={})
    [difference] = result.differences
    assert difference.kind == Kind.MISSING_AT_BPJS and difference.our_billed == RATE
    assert difference.action == "Tanyakan ke BPJS; kepesertaan mungkin belum aktif di sistem BPJS."


def test_billed_by_bpjs_for_an_unknown_kpj_says_not_to_pay_and_keeps_bpjss_name():
    [difference] = compare([], [theirs("99000000001")], members={}).differences
    assert (difference.kind, difference.member, difference.name) == (Kind.NOT_BILLED_HERE, None, "NAMA 99000000001")
    assert "jangan bayar sebelum jelas" in difference.action and "bukan peserta program ini" in difference.action


def test_billed_by_bpjs_for_a_member_not_on_this_months_invoice_names_the_membership():
    member = Member(7, "35.03.11.2001", "AGUS")
    [difference] = compare([], [theirs("17010000007")], members={"17010000007": member}).differences
    assert (difference.kind, difference.member, difference.name) == (Kind.NOT_BILLED_HERE, member, "")
    assert "tidak ada di tagihan Jaring bulan ini" in difference.action


def test_paid_per_bpjs_but_not_posted_here_asks_to_record_the_payment():
    [difference] = compare([ours("17010000001")], [theirs("17010000001", paid=RATE)], members={}).differences
    assert difference.kind == Kind.PAID_NOT_POSTED and difference.action.startswith("Catat pembayaran di Jaring")


def test_posted_here_but_unpaid_per_bpjs_asks_to_send_the_receipt():
    result = compare([ours("17010000001", paid=True)], [theirs("17010000001", paid=Decimal(5000))], members={})
    [difference] = result.differences
    assert (difference.kind, difference.our_paid, difference.their_paid) == (Kind.POSTED_NOT_PAID, RATE, 5000)
    assert difference.action == "Kirim bukti bayar ke kantor cabang BPJS."


def test_amounts_that_differ_name_both_amounts_and_a_payment_difference_is_listed_too():
    result = compare([ours("17010000001")], [theirs("17010000001", billed=Decimal(17800), paid=Decimal(17800))],
                     members={})  # fmt: skip
    assert kinds(result) == [(Kind.AMOUNT_DIFFERS, "17010000001"), (Kind.PAID_NOT_POSTED, "17010000001")]
    assert "Periksa tarif/penghasilan yang dilaporkan (Jaring Rp16.800, BPJS Rp17.800)" in result.differences[0].action
    assert result.matched == 0


def test_a_file_without_payments_compares_billed_amounts_only():
    result = compare([ours("17010000001", paid=True)], [theirs("17010000001", paid=None)], members={})
    assert result.differences == [] and result.matched == 1


def test_a_kpj_bpjs_lists_with_nothing_billed_is_no_difference():
    result = compare([], [theirs("99000000001", billed=Decimal(0))], members={})
    assert result.differences == [] and result.matched == 1
