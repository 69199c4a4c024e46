"""Replacements from the waiting list: same source, next in line whom it may pay, quotas kept."""

from jaring.programs.allocation import Quota, Seat, Source, Waiting, replacements

APBD = Source("1", "apbd_kabupaten", "APBD Kabupaten Trenggalek", 0, 0)
BESUKI_FUND = Source("2", "apbdes", "APBDes Besuki", 0, 0, village="35.03.01.2001")
BESUKI, NGARES = "35.03.01.2001", "35.03.11.2001"


def seat(key, source="1", village=BESUKI, groups=frozenset()):
    return Seat(key, source, village, village[:8], groups)


def waiting(key, place, village=BESUKI, occupation=None, groups=frozenset()):
    return Waiting(key, place, village, village[:8], occupation, groups)


def test_the_next_in_line_takes_the_place():
    found = replacements([seat(1), seat(2)], [1], [waiting(20, 2), waiting(10, 1)], [APBD], [])
    assert found[0].by.key == 10 and "urutan 1" in found[0].reason


def test_a_village_fund_place_goes_only_to_a_villager_of_that_desa():
    found = replacements(
        [seat(1, source="2")], [1], [waiting(10, 1, village=NGARES), waiting(11, 2)], [APBD, BESUKI_FUND], []
    )
    assert found[0].by.key == 11


def test_a_full_village_quota_skips_its_waiting_people_and_says_so_when_nobody_fits():
    full = Quota("village", NGARES, "Desa Ngares", maximum=1)
    seats = [seat(1), seat(2, village=NGARES)]
    found = replacements(seats, [1], [waiting(10, 1, village=NGARES)], [APBD], [full])
    assert found[0].by is None and "Desa Ngares (maksimal 1) sudah penuh" in found[0].reason


def test_the_removed_persons_own_place_in_a_quota_is_free_again():
    full = Quota("village", BESUKI, "Desa Besuki", maximum=2)
    found = replacements([seat(1), seat(2)], [1], [waiting(10, 1)], [APBD], [full])
    assert found[0].by.key == 10


def test_two_vacancies_never_take_the_same_person_and_keep_the_order_of_the_line():
    found = replacements([seat(1), seat(2), seat(3)], [1, 3], [waiting(10, 1), waiting(11, 2)], [APBD], [])
    assert [r.by.key for r in found] == [10, 11]


def test_nobody_the_source_may_pay_is_said_plainly():
    found = replacements([seat(1, source="2")], [1], [waiting(10, 1, village=NGARES)], [APBD, BESUKI_FUND], [])
    assert found[0].by is None and "bisa dibiayai APBDes Besuki" in found[0].reason
