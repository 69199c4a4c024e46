import pytest
from django.core.management import CommandError, call_command

from jaring.regions.models import BpsCrosswalk, Region
from jaring.regions.services import CrosswalkError, bps_to_kemendagri, crosswalk_load, regions_load


def test_all_regions_load_with_kepmendagri_2025_counts_and_reload_changes_nothing(db):
    expected = {1: 38, 2: 514, 3: 7285, 4: 83762}
    assert dict(regions_load()) == expected
    assert dict(regions_load()) == expected
    assert Region.objects.count() == sum(expected.values())
    assert Region.objects.get(code="35.03.11.1002").kind == "kelurahan"
    assert Region.objects.get(code="35.03.01.2001").parent_id == "35.03.01"
    assert Region.objects.get(code="35.03").kind == "kabupaten"


def test_regency_prefix_loads_trenggalek_and_its_parents(db):
    call_command("load_regions", prefix="3503")
    assert Region.objects.filter(level=3).count() == 14
    assert Region.objects.filter(level=4).count() == 157
    assert Region.objects.filter(level=4, kind="kelurahan").count() == 5
    assert Region.objects.get(code="35").name == "Jawa Timur"


@pytest.mark.parametrize("prefix", ["99.99", "35.99", "abc", "3"])
def test_unknown_or_malformed_prefix_is_refused_with_a_clear_message(db, prefix):
    with pytest.raises(CommandError, match="Kode wilayah"):
        call_command("load_regions", prefix=prefix)
    assert Region.objects.count() == 0


def test_crosswalk_loads_the_sample_and_translates_bps_codes(trenggalek):
    regions_load(prefix="11")
    regions_load(prefix="91")
    regions_load(prefix="92")
    regions_load(prefix="51.04")
    regions_load(prefix="53")
    call_command("load_bps_crosswalk")
    assert bps_to_kemendagri("3503030") == "35.03.08"
    assert bps_to_kemendagri("94") == "91"
    assert bps_to_kemendagri("1234567") is None


def test_crosswalk_with_bad_rows_writes_nothing_and_names_each_row(trenggalek):
    data = (
        b"bps_code;kemendagri_code\n3503030;35.03.08\n35030;35.03.01\n3503071;35.03\n3503030;35.03.08\n"
        b"3503999;35.03.99\n"
    )
    with pytest.raises(CrosswalkError) as err:
        crosswalk_load(data=data, source_name="x.csv")
    problems = "\n".join(err.value.problems)
    assert "baris 3" in problems and "baris 4" in problems and "baris 5" in problems
    assert "35.03.99" in problems
    assert BpsCrosswalk.objects.count() == 0


def test_crosswalk_without_required_columns_is_refused(trenggalek):
    with pytest.raises(CrosswalkError, match="bps_code"):
        crosswalk_load(data=b"kode,nama\n1,2\n", source_name="x.csv")
