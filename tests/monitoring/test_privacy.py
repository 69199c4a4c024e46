from dataclasses import dataclass
from decimal import Decimal

from jaring.monitoring.privacy import mark, suppress, suppress_figures, suppress_rows, withheld


@dataclass(frozen=True)
class Row:
    name: str
    members: int | None
    covered: int | None
    arrears: int | None
    paid_amount: Decimal | None = None


COUNTS = ("members", "covered", "arrears")


def test_counts_of_one_to_four_are_withheld_and_zero_and_five_are_not():
    assert [suppress(n) for n in (0, 1, 4, 5, 120)] == [0, None, None, 5, 120]
    assert suppress(9, threshold=10) is None and mark() == "x"


def test_a_single_small_count_takes_the_smallest_other_count_of_its_total_with_it():
    # Desa of one kecamatan whose total is shown: 3 alone withheld would be the total minus the rest.
    assert withheld({"a": 120, "b": 3, "c": 40, "d": 0}, [["a", "b", "c", "d"]]) == {"b", "c"}
    # Two small counts already hide each other; zeros never need hiding.
    assert withheld({"a": 120, "b": 3, "c": 2, "d": 0}, [["a", "b", "c", "d"]]) == {"b", "c"}
    # Nothing else to hide: the total is the small count itself, withheld where it is shown.
    assert withheld({"a": 0, "b": 3}, [["a", "b"]]) == {"b"}


def test_a_count_the_sender_already_withheld_counts_as_withheld_in_its_group():
    assert withheld({"apbd": 1_200, "apbdes": 0, "other": None}, [["apbd", "apbdes", "other"]]) == {"apbd"}


def test_complements_go_on_until_no_total_can_give_a_withheld_count_back():
    rows = [Row("Besuki", 200, 197, 3), Row("Terbis", 150, 150, 0), Row("Karanggandu", 90, 80, 10)]
    shown = suppress_rows(rows, COUNTS, ())
    # Besuki's 3 in arrears: its covered goes too (members − covered), then the covered column has one withheld
    # cell, so the smallest other covered (80) goes, then Karanggandu's arrears (90 − 80 would give it back).
    assert shown == [Row("Besuki", 200, None, None), Row("Terbis", 150, 150, 0), Row("Karanggandu", 90, None, None)]
    for row in shown:
        assert sum(v is None for v in (row.covered, row.arrears)) in (0, 2)
    for column in ("covered", "arrears"):
        assert sum(getattr(row, column) is None for row in shown) != 1


def test_a_withheld_first_count_takes_its_amounts_with_it_and_a_large_one_keeps_them():
    rows = [
        Row("Besuki", 3, 3, 0, Decimal(50_400)),
        Row("Terbis", 60, 60, 0, Decimal(1_008_000)),
        Row("Panggul", 405, 405, 0, Decimal(6_804_000)),
    ]
    shown = suppress_rows(rows, COUNTS, ("paid_amount",))
    # Besuki's 3 and its complement, Terbis's 60: an amount divided by the rate would give either back.
    assert [(r.members, r.paid_amount) for r in shown] == [(None, None), (None, None), (405, Decimal(6_804_000))]


def test_figures_outside_any_group_are_only_withheld_when_small():
    shown = suppress_figures({"members": 1_203, "covered": 1_201, "arrears": 2}, [("covered", "arrears")])
    assert shown == {"members": 1_203, "covered": None, "arrears": None}
    assert suppress_figures({"members": 4, "covered": 4, "arrears": 0}, [("covered", "arrears")]) == {
        "members": None,
        "covered": None,
        "arrears": 0,
    }
