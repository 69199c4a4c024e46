import datetime as dt
from decimal import Decimal

from jaring.monitoring.cube import LineGroup, MembershipGroup, arrears, in_force, roll_up, village_cells

JAN, FEB, MAR = dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)
BESUKI, TERBIS, NGARES = "35.03.01.2001", "35.03.01.2002", "35.03.11.2001"


def test_a_membership_counts_from_its_first_month_to_its_last():
    group = MembershipGroup(BESUKI, "source", "apbd_kabupaten", FEB, MAR, 1)
    assert [in_force(group, m) for m in (JAN, FEB, MAR, dt.date(2026, 4, 1))] == [False, True, True, False]
    assert in_force(MembershipGroup(BESUKI, "source", "apbd", JAN, None, 1), dt.date(2030, 1, 1))


def test_the_total_is_the_sum_over_sources_and_groups_do_not_add_to_it():
    groups = [
        MembershipGroup(BESUKI, "source", "apbd_kabupaten", JAN, None, 3),
        MembershipGroup(BESUKI, "source", "apbdes", FEB, None, 2),
        MembershipGroup(BESUKI, "group", "disabilitas", JAN, None, 4),
    ]
    cells = village_cells(groups, [], [JAN, FEB])
    assert cells[(JAN, BESUKI, "total", "")].members == 3
    assert cells[(FEB, BESUKI, "total", "")].members == 5
    assert cells[(FEB, BESUKI, "group", "disabilitas")].members == 4


def test_invoice_lines_count_on_the_total_and_their_source_only_in_wanted_months():
    line = LineGroup(JAN, BESUKI, "apbdes", 10, 7, Decimal(168_000), Decimal(117_600), dt.date(2026, 2, 15))
    later = LineGroup(MAR, BESUKI, "apbdes", 10, 0, Decimal(168_000), Decimal(0), dt.date(2026, 4, 15))
    cells = village_cells([], [line, later], [JAN])
    total, source = cells[(JAN, BESUKI, "total", "")], cells[(JAN, BESUKI, "source", "apbdes")]
    assert (total.billed, total.paid, total.paid_amount, total.due_on) == (
        10,
        7,
        Decimal(117_600),
        dt.date(2026, 2, 15),
    )
    assert (source.billed, source.paid) == (10, 7)
    assert (MAR, BESUKI, "total", "") not in cells


def test_village_figures_add_up_to_their_kecamatan_and_regency():
    groups = [
        MembershipGroup(BESUKI, "source", "apbd_kabupaten", JAN, None, 3),
        MembershipGroup(TERBIS, "source", "apbd_kabupaten", JAN, None, 2),
        MembershipGroup(NGARES, "source", "apbd_kabupaten", JAN, None, 6),
    ]
    cells = roll_up(village_cells(groups, [], [JAN]))
    assert cells[(JAN, 4, BESUKI, "total", "")].members == 3
    assert cells[(JAN, 3, "35.03.01", "total", "")].members == 5
    assert cells[(JAN, 3, "35.03.11", "total", "")].members == 6
    assert cells[(JAN, 2, "35.03", "total", "")].members == 11
    assert cells[(JAN, 2, "35.03", "source", "apbd_kabupaten")].members == 11


def test_unpaid_lines_are_arrears_only_once_their_due_date_has_passed():
    due = dt.date(2026, 2, 15)
    assert arrears(10, 7, due, dt.date(2026, 2, 15)) == 0
    assert arrears(10, 7, due, dt.date(2026, 2, 16)) == 3
    assert arrears(10, 7, None, dt.date(2027, 1, 1)) == 0
