from dataclasses import dataclass
from decimal import Decimal

from jaring.monitoring.privacy import mark, suppress, suppress_row


@dataclass(frozen=True)
class Row:
    name: str
    members: int | None
    arrears: int | None
    paid_amount: Decimal | None


def test_counts_of_one_to_four_are_withheld_and_zero_and_five_are_not():
    assert [suppress(n) for n in (0, 1, 4, 5, 120)] == [0, None, None, 5, 120]
    assert suppress(9, threshold=10) is None and mark(10) == "<10"


def test_a_withheld_count_takes_its_amounts_with_it():
    row = suppress_row(Row("Besuki", 3, 0, Decimal(50_400)), ("members", "arrears", "billed"), ("paid_amount",))
    assert row == Row("Besuki", None, 0, None)


def test_a_large_count_keeps_its_amounts_while_a_small_arrears_count_is_withheld():
    row = suppress_row(Row("Panggul", 405, 2, Decimal(6_804_000)), ("members", "arrears"), ("paid_amount",))
    assert row == Row("Panggul", 405, None, Decimal(6_804_000))
