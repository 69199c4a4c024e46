"""Occupations and vulnerable groups as villages type them, matched to the program's codes.

The spellings come from village lists; a synonym only counts when its code is in the caller's vocabulary, so
the Django choices stay the one source of the codes.
"""

from collections.abc import Mapping

from .text import _NON_ALNUM, _table

#: Spellings seen in village lists; codes and the caller's labels match without being listed here.
_OCCUPATION_SYNONYMS = _table("""
    petani: tani, bertani, pekebun
    buruh_tani: buruh tani, buruh harian lepas pertanian
    ojek: ojol, ojek online, pengemudi, sopir, supir, driver
    pedagang_kecil: pedagang, dagang, pkl, pedagang kaki lima
    pemandu_wisata: pemandu, guide
    kader_posyandu: kader
    perangkat_desa: perangkat, aparat desa
    pegawai_non_asn: honorer, non asn
    pemilu_ad_hoc: kpps, pps, ppk, pantarlih
    lainnya: lain lain
""")
_GROUP_SYNONYMS = _table("""
    orang_tua_tunggal: ibu tunggal, bapak tunggal, ayah tunggal, janda, duda, ortu tunggal, single parent
    disabilitas: difabel, penyandang disabilitas, cacat
    lansia: lanjut usia, manula
    miskin_ekstrem: miskin ekstrim, kemiskinan ekstrem
""")


class _Vocabulary:
    """Typed words → a code: a whole code, label or synonym first, then the longest one found inside the text."""

    def __init__(self, labels: Mapping[str, str], synonyms: Mapping[str, str]):
        self.labels = labels
        entries = [(code, code) for code in labels] + [(str(label), code) for code, label in labels.items()]
        entries += [(word, code) for word, code in synonyms.items() if code in labels]
        self.exact = {_NON_ALNUM.sub("", word.lower()): code for word, code in entries}
        self.phrases = sorted(((_words(word), code) for word, code in entries), key=lambda entry: -len(entry[0]))

    def match(self, typed: str) -> str:
        if code := self.exact.get(_NON_ALNUM.sub("", typed.lower())):
            return code
        padded = f" {_words(typed)} "
        return next((code for phrase, code in self.phrases if f" {phrase} " in padded), "")

    def choices(self) -> str:
        return ", ".join(str(label) for label in self.labels.values())


def _words(text: str) -> str:
    return " ".join(_NON_ALNUM.sub(" ", text.lower()).split())
