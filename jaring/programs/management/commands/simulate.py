"""`jaring simulate --budget RUPIAH --months N`: how many people a budget covers, at the rates in the database."""

import re
from datetime import date
from decimal import Decimal

from django.core.management.base import CommandError

from jaring.commands import JaringCommand
from jaring.programs.costs import DEFAULT_PAYER, rate_tables
from jaring.programs.models import FundingKind, ProgramSector
from jaring.programs.rates import (
    CostError,
    Package,
    PeriodCost,
    add_months,
    cost_for_people,
    discount_for,
    month_span,
    number,
    people_for_budget,
    percent,
    period_cost,
    period_start,
    read_rupiah,
    rupiah,
)

#: Printed whatever the terminal's language: the command speaks Bahasa Indonesia like the rest of the CLI.
PAYER_NAMES = {
    FundingKind.APBD_KABUPATEN: "APBD kabupaten/kota",
    FundingKind.APBD_PROVINSI: "APBD provinsi",
    FundingKind.APBDES: "APBDes",
    FundingKind.DBHCHT: "DBHCHT",
    FundingKind.DONASI: "donasi",
    FundingKind.CSR_BAZNAS: "CSR/BAZNAS",
}
COMPONENT_NAMES = {"jkk": "JKK", "jkm": "JKM", "jht": "JHT", "jp": "JP"}
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
#: A payer no discount excludes, to tell whether a discount exists in a month the chosen payer does not get.
_ANY_PAYER = ""


class Command(JaringCommand):
    help = (
        "Simulasi anggaran iuran BPU: rincian iuran per orang per bulan, biaya per orang, jumlah orang yang "
        "tertanggung anggaran, total biaya dan sisanya, menurut tarif di basis data. Tidak menyimpan apa pun."
    )

    def add_arguments(self, parser):
        parser.add_argument("--budget", help="Anggaran dalam rupiah, mis. 2016000000 atau 2.016.000.000")
        parser.add_argument("--months", required=True, help="Jumlah bulan, 1 sampai 12")
        parser.add_argument("--income", default="1000000", help="Penghasilan yang dilaporkan; bawaan Rp1.000.000")
        parser.add_argument("--jht", action="store_true", help="Sertakan JHT (2%%)")
        parser.add_argument("--start", help="Bulan pertama, YYYY-MM; bawaan: Januari tahun ini")
        parser.add_argument(
            "--payer", default=DEFAULT_PAYER, help=f"{', '.join(FundingKind.values)}; bawaan {DEFAULT_PAYER}"
        )
        parser.add_argument("--sector", default=ProgramSector.NON_TRANSPORT, help="non_transport atau transport")
        parser.add_argument("--people", help="Hitung biaya untuk sekian orang")

    def handle(self, *args, budget, months, income, jht, start, payer, sector, people, **options):
        if budget is None and people is None:
            raise CommandError("Isi --budget (anggaran) atau --people (jumlah orang).")
        try:
            budget_amount = None if budget is None else read_rupiah(budget)
            package = Package.of("bpu", read_rupiah(income, what="Penghasilan"), jht=jht, sector=_sector(sector))
            rates, discounts = rate_tables()
            first = _start(start)
            cost = period_cost(rates, discounts, package, first, _months(months), _payer(payer))
            head_count = people_for_budget(budget_amount, cost.total) if budget_amount is not None else None
            asked = None if people is None else cost_for_people(_people(people), cost.total)
        except CostError as exc:
            raise CommandError(str(exc)) from None
        self._breakdown(package, cost, payer, discounts)
        if budget_amount is not None:
            self._budget(budget_amount, head_count, cost)
        if asked is not None:
            self._people(int(people), asked, cost, budget_amount)

    def _breakdown(self, package: Package, cost: PeriodCost, payer: str, discounts) -> None:
        last = add_months(cost.start, cost.months - 1)
        self.stdout.write(
            f"Simulasi iuran BPU {month_span(cost.start, last)} ({cost.months} bulan), penghasilan yang dilaporkan "
            f"{rupiah(package.income)}, dibayar dari {PAYER_NAMES[payer]}."
        )
        self.stdout.write("Iuran per orang per bulan:")
        for first, until, month in cost.stretches():
            parts = " + ".join(f"{COMPONENT_NAMES[c.component]} {rupiah(c.payer)}" for c in month.components)
            line = f"  {month_span(first, until)}: {parts} = {rupiah(month.total)}"
            if month.discount_total:
                names = sorted({c.discount_by.name for c in month.components if c.discount_by})
                line += f" (sudah dipotong {rupiah(month.discount_total)}, {'; '.join(names)})"
            self.stdout.write(line)
        for discount, months in _not_for_payer(discounts, package, cost, payer).items():
            self.stdout.write(
                f"  Potongan {percent(discount.percent)} {discount.name} ({month_span(months[0], months[-1])}) "
                f"tidak berlaku untuk pembayar {PAYER_NAMES[payer]}."
            )
        regulations = sorted({c.rate.regulation for m in cost.month_costs for c in m.components})
        self.stdout.write(f"Dasar tarif: {'; '.join(regulations)}.")
        average = f"rata-rata {rupiah(cost.average)} sebulan"
        self.stdout.write(f"Biaya per orang untuk {cost.months} bulan: {rupiah(cost.total)} ({average}).")

    def _budget(self, budget: Decimal, head_count: int, cost: PeriodCost) -> None:
        spent = cost_for_people(head_count, cost.total)
        self.stdout.write(f"Anggaran {rupiah(budget)} cukup untuk {number(head_count)} orang.")
        self.stdout.write(f"Total biaya: {rupiah(spent)} ({number(head_count)} × {rupiah(cost.total)}).")
        self.stdout.write(f"Sisa anggaran: {rupiah(budget - spent)}.")

    def _people(self, count: int, total: Decimal, cost: PeriodCost, budget: Decimal | None) -> None:
        self.stdout.write(f"Biaya {number(count)} orang untuk {cost.months} bulan: {rupiah(total)}.")
        if budget is not None and total > budget:
            self.stdout.write(f"Anggaran kurang {rupiah(total - budget)} untuk {number(count)} orang.")
        elif budget is not None:
            self.stdout.write(f"Anggaran masih tersisa {rupiah(budget - total)} untuk {number(count)} orang.")


def _not_for_payer(discounts, package: Package, cost: PeriodCost, payer: str) -> dict:
    """Discounts others get in some months of the period but this payer does not (PP 50/2025 and APBD)."""
    months: dict = {}
    for month in cost.month_costs:
        for component in sorted(package.components):
            found = discount_for(discounts, package, component, month.month, _ANY_PAYER)
            if found and payer in found.excluded_payers and month.month not in months.get(found, []):
                months.setdefault(found, []).append(month.month)
    return months


def _months(text: str) -> int:
    if not text.strip().isdigit():
        raise CommandError(f"Jumlah bulan harus angka 1 sampai 12, bukan {text!r}.")
    return int(text)


def _start(text: str | None) -> date:
    if text is None:
        return date(date.today().year, 1, 1)
    if not (match := _YEAR_MONTH.fullmatch(text.strip())):
        raise CommandError(f"Bulan pertama harus berbentuk YYYY-MM, mis. 2026-01, bukan {text!r}.")
    return period_start(int(match.group(1)), int(match.group(2)))


def _payer(text: str) -> str:
    if text not in FundingKind.values:
        raise CommandError(f"Pembayar {text!r} tidak dikenal; pilih salah satu: {', '.join(FundingKind.values)}.")
    return text


def _sector(text: str) -> str:
    if text not in ProgramSector.values:
        raise CommandError(f"Sektor {text!r} tidak dikenal; pilih salah satu: {', '.join(ProgramSector.values)}.")
    return text


def _people(text: str) -> int:
    if not text.strip().isdigit():
        raise CommandError(f"Jumlah orang harus bilangan bulat 0 atau lebih, bukan {text!r}.")
    return int(text)
