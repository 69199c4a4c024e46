"""Every difference between BPJS's status file and Jaring's invoices for one month, each with the action it
calls for. No Django here.

Jaring's side is one invoice line per KPJ (billed at the month's rate; paid when the payments so far cover the
line, ``Invoice.covered_lines``). BPJS's side is its row for the KPJ. One KPJ may have two differences (an
amount that differs and a payment BPJS has not received); a KPJ with none counts as matched.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from jaring.programs.rates import rupiah

from .files import StatusRow


class Kind(StrEnum):
    MISSING_AT_BPJS = "missing_at_bpjs"  # billed here, not by BPJS
    NOT_BILLED_HERE = "not_billed_here"  # billed by BPJS, not on Jaring's invoices
    PAID_NOT_POSTED = "paid_not_posted"  # paid per BPJS, not posted in Jaring
    POSTED_NOT_PAID = "posted_not_paid"  # posted in Jaring, unpaid per BPJS
    AMOUNT_DIFFERS = "amount_differs"


#: For the command line and reports written in Bahasa Indonesia whatever the language chosen.
KIND_LABELS: dict[Kind, str] = {
    Kind.MISSING_AT_BPJS: "ditagih di Jaring, tidak oleh BPJS",
    Kind.NOT_BILLED_HERE: "ditagih BPJS, tidak di Jaring",
    Kind.PAID_NOT_POSTED: "lunas menurut BPJS, belum dicatat di Jaring",
    Kind.POSTED_NOT_PAID: "dicatat lunas di Jaring, belum dibayar menurut BPJS",
    Kind.AMOUNT_DIFFERS: "jumlah iuran berbeda",
}
ACTIONS: dict[str, str] = {
    Kind.MISSING_AT_BPJS: "Tanyakan ke BPJS; kepesertaan mungkin belum aktif di sistem BPJS.",
    Kind.NOT_BILLED_HERE: "KPJ ini bukan peserta program ini di Jaring. Periksa kepesertaan; jangan bayar sebelum "
    "jelas.",
    "not_on_invoice": "Kepesertaan ini tidak ada di tagihan Jaring bulan ini (mungkin sudah berakhir atau belum "
    "mulai). Periksa kepesertaan; jangan bayar sebelum jelas.",
    Kind.PAID_NOT_POSTED: "Catat pembayaran di Jaring: BPJS sudah menerima iuran bulan ini.",
    Kind.POSTED_NOT_PAID: "Kirim bukti bayar ke kantor cabang BPJS.",
    Kind.AMOUNT_DIFFERS: "Periksa tarif/penghasilan yang dilaporkan (Jaring {ours}, BPJS {theirs}).",
}


@dataclass(frozen=True, slots=True)
class Member:
    """A membership of the program, as Jaring knows it for the month."""

    membership_id: int
    village_id: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class OurLine:
    """Jaring's invoice line of one KPJ for the month."""

    kpj: str
    billed: Decimal
    paid: Decimal
    member: Member

    @property
    def is_paid(self) -> bool:
        return self.paid >= self.billed


@dataclass(frozen=True, slots=True)
class Difference:
    kind: Kind
    kpj: str
    action: str
    member: Member | None = None
    name: str = ""  # BPJS's name for a KPJ Jaring does not know
    our_billed: Decimal | None = None
    our_paid: Decimal | None = None
    their_billed: Decimal | None = None
    their_paid: Decimal | None = None
    row: int | None = None  # the file's row


@dataclass
class Comparison:
    differences: list[Difference]
    matched: int
    ours: int  # invoice lines with a KPJ
    theirs: int  # rows of the file
    counts: dict[str, int] = field(default_factory=dict)


def compare(ours: Iterable[OurLine], theirs: Iterable[StatusRow], *, members: Mapping[str, Member]) -> Comparison:
    """Every difference, KPJ by KPJ in the file's order then Jaring's. ``members`` are the program's memberships by
    KPJ (those not on the month's invoices too), so a KPJ BPJS bills can be told from one nobody knows."""
    ours_by_kpj = {line.kpj: line for line in ours}
    theirs = list(theirs)
    differences, matched = [], 0
    for row in theirs:
        line = ours_by_kpj.get(row.kpj)
        found = _both(line, row) if line is not None else _theirs_only(row, members.get(row.kpj))
        differences += found
        matched += not found
    seen = {row.kpj for row in theirs}
    for kpj, line in ours_by_kpj.items():
        if kpj not in seen:
            differences.append(_ours_only(line))
    counts = {kind.value: sum(1 for d in differences if d.kind == kind) for kind in Kind}
    counts |= {"matched": matched, "ours": len(ours_by_kpj), "theirs": len(theirs)}
    return Comparison(differences, matched, len(ours_by_kpj), len(theirs), counts)


def _difference(kind: Kind, line: OurLine | None, row: StatusRow | None, action: str | None = None) -> Difference:
    return Difference(
        kind=kind,
        kpj=(line or row).kpj,
        action=action or ACTIONS[kind],
        member=line.member if line else None,
        name=row.name if row and not line else "",
        our_billed=line.billed if line else None,
        our_paid=line.paid if line else None,
        their_billed=row.billed if row else None,
        their_paid=row.paid if row else None,
        row=row.row if row else None,
    )


def _both(line: OurLine, row: StatusRow) -> list[Difference]:
    found = []
    if line.billed != row.billed:
        action = ACTIONS[Kind.AMOUNT_DIFFERS].format(ours=rupiah(line.billed), theirs=rupiah(row.billed))
        found.append(_difference(Kind.AMOUNT_DIFFERS, line, row, action))
    if row.paid is None:  # the file says nothing about payments
        return found
    paid_per_bpjs = row.paid > 0 and row.paid >= row.billed
    if paid_per_bpjs and not line.is_paid:
        found.append(_difference(Kind.PAID_NOT_POSTED, line, row))
    elif line.is_paid and not paid_per_bpjs:
        found.append(_difference(Kind.POSTED_NOT_PAID, line, row))
    return found


def _theirs_only(row: StatusRow, member: Member | None) -> list[Difference]:
    if row.billed <= 0 and not row.paid:
        return []  # BPJS lists the KPJ but bills nothing: nothing to settle
    action = ACTIONS["not_on_invoice"] if member else None
    difference = _difference(Kind.NOT_BILLED_HERE, None, row, action)
    if member is not None:
        difference = replace(difference, member=member, name="")
    return [difference]


def _ours_only(line: OurLine) -> Difference:
    return _difference(Kind.MISSING_AT_BPJS, line, None)
