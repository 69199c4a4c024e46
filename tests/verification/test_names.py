"""Indonesian names written the ways villages, DTKS extracts and SIAK write them compare as one."""

import pytest

from jaring.verification.names import normalize


@pytest.mark.parametrize(
    ("written", "registry"),
    [
        ("H. Muhamad Yusuf, S.Pd.", "MUHAMMAD YUSUF"),
        ("Moch. Jusuf", "MUHAMMAD YUSUF"),
        ("M. Yusuf", "MOHAMMAD YUSUF"),
        ("Mhd Yusuf", "MUCHAMMAD YUSUF"),
        ("Hj. Siti Aminah binti Salim", "AMINAH"),
        ("Drs. Soekarno", "SUKARNO"),
        ("Tjahjo Kumolo", "CAHYO KUMOLO"),
        ("Ir. Djoko Widodo", "JOKO WIDODO"),
        ("Achmad Chairul S.E.", "AHMAD KHAIRUL"),
        ("Sjamsul Arifin", "SYAMSUL ARIFIN"),
        ("Njoman Sudarma", "NYOMAN SUDARMA"),
        ("Budi Santoso A.Md.", "BUDI SANTOSO"),
        ("Sri Wahyuni, S.Pd.I", "SRI WAHYUNI"),
        ("Abdullah", "ABDULAH"),
        ("Ramadhan", "RAMADAN"),
        ("  budi   santoso ", "BUDI SANTOSO"),
    ],
)
def test_spellings_titles_and_forms_of_muhammad_compare_equal(written, registry):
    assert normalize(written) == normalize(registry)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("SUMARNI", "SUMARTI"),
        ("BUDI SANTOSO", "BUDI SANTOSA"),
        ("HANI M.", "HANI MUHAMMAD"),  # a trailing M. abbreviates a surname, not Muhammad
        ("SITI", "AMINAH"),  # a single-word Siti stays a name
    ],
)
def test_different_names_stay_different(one, other):
    assert normalize(one) != normalize(other)


def test_a_name_of_one_word_and_an_empty_name_survive():
    assert normalize("Siti") == "siti"
    assert normalize(None) == ""
    assert normalize("Dr.") == "dr"
