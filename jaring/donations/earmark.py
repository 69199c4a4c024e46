"""How many worker-months a sum of donated money covers. No Django.

A worker-month is one worker protected for one month. The money is counted month by month over the program's
months at the rate the source's kind of payer pays each month (``jaring.programs.costs.person_cost`` gives
them), not at one average rate: under PP 50/2025 a donor or CSR payer pays half of JKK + JKM in the discounted
months (Rp8.400 instead of Rp16.800 for non-transport BPU from April to December 2026) while the APBD pays in
full (Pasal 3), so an average would miscount both the months a rupiah buys and what is left over. The unit is
the one the decree commits: a recipient costs every month of the program, so the money first pays whole
workers for the whole period, and what is left pays one more worker month by month from the program's first
month, the order in which BPJS bills them, until the next month no longer fits.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


class EarmarkInvalid(ValueError):
    """Amounts or rates the earmark cannot use; the message is in Bahasa Indonesia."""


@dataclass(frozen=True)
class Earmark:
    """``worker_months`` covered in full; ``remainder``: the rupiah left that do not pay one more month."""

    worker_months: int
    remainder: Decimal


def worker_months(total: Decimal | int, month_rates: Sequence[Decimal | int]) -> Earmark:
    """The whole worker-months ``total`` rupiah covers when one worker costs ``month_rates[i]`` in the
    program's month ``i``, and the rupiah left over."""
    money, rates = _money(total), [Decimal(r) for r in month_rates]
    if not rates:
        raise EarmarkInvalid("Program tanpa bulan: tidak ada bulan yang bisa dibiayai.")
    if any(rate <= 0 for rate in rates):
        raise EarmarkInvalid("Tarif iuran per bulan harus lebih dari Rp0.")
    whole_workers, left = divmod(money, sum(rates))
    covered = int(whole_workers) * len(rates)
    for rate in rates:
        if left < rate:
            break
        left -= rate
        covered += 1
    return Earmark(covered, left)


def free_worker_months(earmarked: int, committed: int) -> int:
    """Worker-months the money covers beyond what the current decree commits; negative when the decree
    commits more than the money received covers (a shortfall the planner must close)."""
    return earmarked - committed


def _money(total: Decimal | int) -> Decimal:
    money = Decimal(total)
    if money < 0 or money != money.to_integral_value():
        raise EarmarkInvalid(f"Jumlah uang harus rupiah bulat dan tidak negatif, bukan {total}.")
    return money
