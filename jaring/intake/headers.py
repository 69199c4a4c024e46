"""Which column of a village's spreadsheet holds which field, guessed from its header.

Villages send candidate lists in their own shapes ("NO. KTP", "NAMA SESUAI KTP", "TEMPAT/TGL LAHIR"), so the
guess is forgiving about case, spaces and punctuation. It is only a proposal: the operator confirms or corrects
it on the mapping screen, which shows FIELD_LABELS. Pure Python, no Django.
"""

import re

#: Labels for the mapping screen, in the order the screen lists the fields.
FIELD_LABELS: dict[str, str] = {
    "nik": "NIK",
    "kk_number": "Nomor KK",
    "full_name": "Nama lengkap",
    "birth_place": "Tempat lahir",
    "birth_date": "Tanggal lahir",
    "birth_place_date": "Tempat, tanggal lahir (satu kolom)",
    "sex": "Jenis kelamin (L/P)",
    "street": "Alamat (jalan/dusun)",
    "rt": "RT",
    "rw": "RW",
    "rt_rw": "RT/RW (satu kolom)",
    "village": "Desa/kelurahan (nama atau kode)",
    "district": "Kecamatan",
    "phone": "Nomor HP/WA",
    "occupation": "Pekerjaan",
    "groups": "Kelompok rentan",
    "welfare_decile": "Desil kesejahteraan",
    "bps_village_code": "Kode desa BPS (10 digit)",
    "note": "Keterangan",
}

#: A row-number column ("No", "No Urut") claims its column so that no field is guessed there.
ROW_NUMBER = "_row_number"

#: Whole headers with every non-alphanumeric character removed: a match here is certain.
_EXACT: dict[str, tuple[str, ...]] = {
    "nik": ("nik", "noktp", "nonik", "nomornik", "nomorktp", "nikktp", "ktp", "nomorindukkependudukan"),
    "kk_number": ("kk", "nokk", "nomorkk", "nkk", "nokartukeluarga", "nomorkartukeluarga", "kartukeluarga"),
    "full_name": ("nama", "namalengkap", "namasesuaiktp", "namapeserta", "namacalonpeserta", "namapenerima"),
    "birth_place": ("tempatlahir", "tmplahir", "tmptlahir", "tptlahir"),
    "birth_date": ("tgllahir", "tanggallahir", "tgllhr", "tanggallhr", "tgllahirddmmyyyy"),
    "birth_place_date": ("ttl", "tempattanggallahir", "tempattgllahir", "tempattgllhr", "tmptgllahir", "tmptgllhr"),
    "sex": ("jk", "lp", "jeniskelamin", "kelamin", "sex", "gender", "jenkel", "jnskel", "jeniskel", "jnskelamin"),
    "street": ("alamat", "alamatlengkap", "dusun", "jalan", "alamatrumah", "dukuh"),
    "rt": ("rt",),
    "rw": ("rw",),
    "rt_rw": ("rtrw",),
    "village": ("desa", "kelurahan", "desakel", "keldesa", "desakelurahan", "namadesa", "kodedesa", "kel"),
    "district": ("kecamatan", "kec", "namakecamatan", "kodekecamatan"),
    "phone": ("nohp", "notelp", "telepon", "wa", "nowa", "hp", "nomorhp", "notelepon", "telp", "nohpwa", "nomorwa"),
    "occupation": ("pekerjaan", "jenispekerjaan", "profesi", "pekerjaanutama"),
    "groups": ("kelompok", "kategori", "kelompokrentan", "kategorirentan"),
    "welfare_decile": ("desil", "desilkesejahteraan"),
    "bps_village_code": ("kodedesabps", "kddesa", "iddesa", "kodebps", "kodewilayahbps"),
    "note": ("keterangan", "catatan", "ket"),
    ROW_NUMBER: ("no", "nourut", "nomor", "nomorurut", "urut", "nmr"),
}

#: Word rules for longer headers ("Tanggal Lahir (dd-mm-yyyy)"): any one word set, all of its words present,
#: and none of the excluded words (which would make the header about someone or something else).
_WORDS: dict[str, tuple[tuple[frozenset[str], ...], frozenset[str]]] = {}


def _rule(field: str, any_of: list[str], exclude: str = "") -> None:
    _WORDS[field] = (tuple(frozenset(words.split()) for words in any_of), frozenset(exclude.split()))


_rule("nik", ["nik", "ktp", "induk kependudukan"], "nama kk keluarga kepala tempat tgl tanggal lahir alamat")
_rule("kk_number", ["kk", "nkk", "kartu keluarga"], "nama kepala hubungan shdk status")
_rule("full_name", ["nama"], "desa kelurahan kel kecamatan kec ibu ayah kepala dusun kk keluarga kabupaten bank")
_rule("birth_place_date", ["ttl", "tempat tgl", "tempat tanggal", "tmp tgl", "tmpt tgl", "tempat tl"])
_rule("birth_place", ["tempat lahir", "tmp lahir", "tmpt lahir", "tpt lahir", "tempat lhr"], "tgl tanggal tl")
_rule("birth_date", ["tgl lahir", "tanggal lahir", "tgl lhr", "tanggal lhr", "lahir"], "tempat tmp tmpt tpt")
_rule("sex", ["kelamin", "jk", "sex", "gender", "jenkel", "l p", "jns kel"])
_rule("street", ["alamat", "dusun", "jalan", "jl", "dukuh"], "email surel")
_rule("rt_rw", ["rt rw"])
_rule("rt", ["rt"], "rw")
_rule("rw", ["rw"], "rt")
_rule("bps_village_code", ["bps", "kddesa", "id desa"], "kecamatan kec kabupaten kab")
_rule("village", ["desa", "kelurahan", "kel"], "bps kddesa id kecamatan kec kabupaten perangkat jns jenis")
_rule("district", ["kecamatan", "kec"], "bps")
_rule("phone", ["hp", "telp", "telepon", "tlp", "wa", "whatsapp", "handphone", "ponsel", "telpon"])
_rule("occupation", ["pekerjaan", "profesi", "mata pencaharian"])
_rule("groups", ["kelompok", "kategori", "rentan"], "desil")
_rule("welfare_decile", ["desil"])
_rule("note", ["keterangan", "catatan", "ket"])

_NON_ALNUM = re.compile(r"[\W_]+")
_EXACT_SCORE = 100
_WORDS_SCORE = 50


def guess_mapping(header: list[str]) -> dict[int, str]:
    """Column index → field for the columns whose header we recognise; each field at most once.

    Candidates are taken best score first (a whole-header match beats a word match, a header with fewer
    unexplained words beats a longer one, an earlier column beats a later one on a tie).
    """
    candidates = sorted(
        (-score, index, field) for index, text in enumerate(header) for field, score in _scores(text or "").items()
    )
    mapping: dict[int, str] = {}
    for _, index, field in candidates:
        if index not in mapping and field not in mapping.values():
            mapping[index] = field
    return {index: field for index, field in sorted(mapping.items()) if field != ROW_NUMBER}


def _scores(text: str) -> dict[str, int]:
    words = _NON_ALNUM.sub(" ", text.lower()).split()
    compact = "".join(words)
    exact = {field: _EXACT_SCORE for field, forms in _EXACT.items() if compact in forms}
    if exact or not words:
        return exact
    return {field: score for field in _WORDS if (score := _word_score(field, set(words)))}


def _word_score(field: str, words: set[str]) -> int:
    any_of, exclude = _WORDS[field]
    if words & exclude:
        return 0
    matched = max((len(group) for group in any_of if group <= words), default=0)
    if not matched:
        return 0
    return _WORDS_SCORE + 5 * matched - len(words - set().union(*any_of))


#: Where a problem with a field shows when the file had no column of its own for it (a TTL column holds
#: both place and date; an RT/RW column both units; a BPS code stands in for the desa).
_SHOWN_IN = {
    "birth_place": ("birth_place_date",),
    "birth_date": ("birth_place_date",),
    "rt": ("rt_rw",),
    "rw": ("rt_rw",),
    "rt_rw": ("rt", "rw"),
    "village": ("bps_village_code", "district"),
    "bps_village_code": ("village",),
    "district": ("village",),
}


def issue_columns(mapping: dict[int, str]) -> dict[str, int]:
    """Field of a problem → the column of the file to highlight for it, as far as the mapping tells."""
    column_of = {field: index for index, field in mapping.items() if field}
    found = dict(column_of)
    for field, stand_ins in _SHOWN_IN.items():
        column = next((column_of[s] for s in stand_ins if s in column_of), None)
        if field not in found and column is not None:
            found[field] = column
    return found
