"""Checks for one row of a village's candidate list (issue #3 §4): cleaned values plus what is wrong, and why.

Pure functions, no Django: the import's first phase runs them over the whole file and shows the report before
anything is written (DESIGN.md §5.4). Errors block a row; warnings ask the operator to look but may be accepted.
Rules on NIK and KK follow reference/domain-facts.md §4; every message is in MESSAGES, in Bahasa Indonesia.
"""

import dataclasses
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from itertools import islice
from typing import Literal

from lokal import PROVINCES, NikInfo, parse_nik, parse_phone
from rapidfuzz import fuzz, process

from jaring.core import regioncodes

Severity = Literal["error", "warning"]

#: Issue code → severity and message. One table, so the wording stays consistent and reviewable in one place.
# fmt: off
MESSAGES: dict[str, tuple[Severity, str]] = {
    "excel_number": ("error", "{label} rusak karena disimpan sebagai angka di Excel: digit terakhirnya berubah. "
                     "Ketik ulang {label} dari {source} dengan format sel Teks."),
    "excel_scientific": ("error", "{label} rusak oleh Excel (tertulis {typed}): digit terakhirnya hilang. "
                         "Ketik ulang {label} dari {source} dengan format sel Teks."),
    "excel_fixed": ("warning", "{label} diperbaiki dari format Excel ({typed} → {value})."),
    "not_digits": ("error", "{label} hanya boleh berisi angka (tertulis: {typed})."),
    "fifteen_digits": ("error", "{label} hanya 15 digit ({typed}): satu digit hilang dan tidak bisa ditebak. "
                       "Salin ulang dari {source}."),
    "length": ("error", "{label} harus 16 digit; tertulis {count} digit ({typed})."),
    "nik_missing": ("error", "NIK wajib diisi."),
    "nik_province": ("error", "Kode provinsi di NIK ({number}) tidak dikenal."),
    "nik_wilayah": ("error", "Kode kabupaten dan kecamatan di NIK tidak boleh 00."),
    "nik_birth_date": ("error", "Tanggal lahir di NIK ({number}) tidak ada di kalender."),
    "nik_serial": ("error", "Nomor urut NIK (4 digit terakhir) tidak boleh 0000."),
    "nik_invalid": ("error", "NIK tidak sah: {value}"),
    "nik_other_regency": ("warning", "NIK diterbitkan di luar kabupaten ini (kode {number}). Bisa jadi pendatang: "
                          "pastikan ia berdomisili di desa ini."),
    "nik_birth_date_mismatch": ("warning", "Tanggal lahir di NIK ({number}) berbeda dengan tanggal lahir yang diisi "
                                "({value}). Boleh terjadi, tetapi periksa kembali."),
    "nik_sex_mismatch": ("warning", "Jenis kelamin di NIK ({number}) berbeda dengan yang diisi ({value}). "
                         "Di NIK, tanggal lahir perempuan ditambah 40."),
    "kk_province": ("warning", "Kode provinsi di nomor KK ({number}) tidak dikenal."),
    "kk_date": ("warning", "Tanggal pencatatan di nomor KK ({number}) tidak masuk akal; periksa kembali."),
    "kk_equals_nik": ("warning", "Nomor KK sama dengan NIK; biasanya keduanya berbeda."),
    "name_missing": ("error", "Nama wajib diisi."),
    "name_characters": ("warning", "Nama berisi angka atau tanda yang tidak lazim ({value}); periksa kembali."),
    "birth_date_missing": ("warning", "Tanggal lahir kosong; dibutuhkan untuk pendaftaran BPJS Ketenagakerjaan."),
    "date_unreadable": ("error", "Tanggal '{typed}' tidak bisa dibaca. Tulis seperti 31-12-1980."),
    "date_impossible": ("error", "Tanggal '{typed}' tidak ada di kalender."),
    "date_month_first": ("warning", "Tanggal '{typed}' dibaca sebagai bulan/tanggal/tahun ({value}); periksa kembali."),
    "year_only": ("error", "Hanya tahun lahir ({typed}); isi tanggal lengkap sesuai KTP."),
    "date_future": ("error", "Tanggal lahir {value} ada di masa depan."),
    "date_too_old": ("error", "Tanggal lahir {value} berarti umur lebih dari 120 tahun; periksa kembali."),
    "sex_missing": ("error", "Jenis kelamin wajib diisi (L atau P)."),
    "sex_unknown": ("error", "Jenis kelamin '{typed}' tidak dikenal; isi L atau P."),
    "sex_from_nik": ("warning", "Jenis kelamin kosong; diisi dari NIK ({value})."),
    "rt_rw_format": ("warning", "RT/RW '{typed}' tidak bisa dibaca; tulis seperti 001/002."),
    "unit_format": ("warning", "{label} '{typed}' tidak sah; isi angka, misalnya 001."),
    "village_missing": ("error", "Desa/kelurahan belum diisi."),
    "village_unknown": ("error", "Desa '{typed}' tidak ditemukan.{value}"),
    "village_code_unknown": ("error", "Kode desa '{typed}' tidak dikenal di wilayah ini."),
    "village_ambiguous": ("error", "Ada beberapa desa bernama '{typed}': {value}; {label}."),
    "village_out_of_scope": ("error", "Baris ini untuk desa {value}, bukan desa Anda."),
    "district_unknown": ("warning", "Kecamatan '{typed}' tidak ditemukan."),
    "district_mismatch": ("warning", "Desa {value} tidak berada di kecamatan '{typed}'; periksa kembali."),
    "bps_unknown": ("error", "Kode desa BPS '{typed}' tidak dikenal."),
    "bps_outside": ("error", "Kode desa BPS '{typed}' menunjuk desa di luar wilayah ini."),
    "bps_mismatch": ("warning", "Kode desa BPS '{typed}' menunjuk desa {value}, bukan desa {number}; "
                     "yang dipakai kolom desa."),
    "phone_invalid": ("warning", "Nomor HP '{typed}' tidak sah: {value}"),
    "phone_note": ("warning", "Nomor HP '{typed}': {value}"),
    "phone_landline": ("warning", "'{typed}' nomor telepon rumah, bukan HP; tidak bisa dipakai untuk WhatsApp."),
    "phone_several": ("warning", "Ada lebih dari satu nomor HP; hanya nomor pertama yang disimpan."),
    "occupation_unknown": ("warning", "Pekerjaan '{typed}' tidak dikenal; pilih salah satu: {value}."),
    "group_unknown": ("warning", "Kelompok '{typed}' tidak dikenal; pilih dari: {value}."),
    "decile_invalid": ("warning", "Desil '{typed}' tidak sah; isi angka 1 sampai 10."),
    "nik_duplicate": ("error", "NIK sama dengan baris {value}."),
    "same_person_other_nik": ("warning", "Nama dan tanggal lahir sama dengan baris {value}, tetapi NIK berbeda; "
                              "pastikan bukan orang yang sama."),
}
# fmt: on


@dataclasses.dataclass(frozen=True, slots=True)
class Issue:
    """One problem in one cell: an error blocks the row, a warning asks the operator to look."""

    field: str
    code: str
    severity: Severity
    message: str

    def as_dict(self) -> dict[str, str]:
        return dataclasses.asdict(self)


def _issue(field: str, code: str, **values: object) -> Issue:
    severity, template = MESSAGES[code]
    return Issue(field, code, severity, template.format(**values))


# --- Context and result ----------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RowContext:
    """What a row is checked against: the uploader's regency and villages, and the vocabularies.

    ``villages`` maps Kemendagri codes ("35.03.01.2001") to names, ``districts`` likewise for kecamatan;
    ``allowed_villages`` is set for a village operator, who may only propose people of her own village.
    ``occupations`` and ``groups`` map codes to labels (the caller builds them from the Django choices).
    """

    regency: str
    villages: Mapping[str, str]
    districts: Mapping[str, str] = dataclasses.field(default_factory=dict)
    bps_to_kemendagri: Mapping[str, str] = dataclasses.field(default_factory=dict)
    allowed_villages: set[str] | frozenset[str] | None = None
    reference_date: date = dataclasses.field(default_factory=date.today)
    occupations: Mapping[str, str] = dataclasses.field(default_factory=dict)
    groups: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @cached_property
    def village_by_name(self) -> dict[str, tuple[str, ...]]:
        """Normalised name → codes; more than one code when two kecamatan each have a desa of that name."""
        return _index_by_name(self.villages)

    @cached_property
    def district_by_name(self) -> dict[str, tuple[str, ...]]:
        return _index_by_name(self.districts)

    @cached_property
    def occupation_vocabulary(self) -> "_Vocabulary":
        return _Vocabulary(self.occupations, _OCCUPATION_SYNONYMS)

    @cached_property
    def group_vocabulary(self) -> "_Vocabulary":
        return _Vocabulary(self.groups, _GROUP_SYNONYMS)


def _index_by_name(names: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = defaultdict(list)
    for code, name in sorted(names.items()):
        index[_place_key(name)].append(code)
    return {key: tuple(codes) for key, codes in index.items()}


@dataclasses.dataclass
class RowResult:
    """One row's cleaned values, ready for a Person, and everything found wrong with it."""

    nik: str = ""
    kk_number: str = ""
    full_name: str = ""
    full_name_original: str = ""
    birth_place: str = ""
    birth_date: date | None = None
    sex: str = ""
    street: str = ""
    rt: str = ""
    rw: str = ""
    village_code: str = ""
    phone: str = ""
    occupation: str = ""
    groups: tuple[str, ...] = ()
    welfare_decile: int | None = None
    note: str = ""
    issues: list[Issue] = dataclasses.field(default_factory=list)

    @property
    def status(self) -> Literal["error", "warning", "ok"]:
        severities = {issue.severity for issue in self.issues}
        return "error" if "error" in severities else "warning" if "warning" in severities else "ok"

    def cleaned(self) -> dict:
        """The cleaned values as JSON-ready data (ISO date, list of groups), without the issues."""
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "issues"}
        values["birth_date"] = self.birth_date.isoformat() if self.birth_date else None
        values["groups"] = list(self.groups)
        return values


# --- Text helpers ----------------------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[\W_]+")
_PLACE_PREFIX = re.compile(r"^(desa|ds|kelurahan|kel|kecamatan|kec)\b\.?\s*")


def _collapse(text: str | None) -> str:
    return _WHITESPACE.sub(" ", text or "").strip()


def _place_key(name: str) -> str:
    """A name as a lookup key: "Desa Karang Tengah" and "KARANGTENGAH" are one place, spacing varies."""
    return _NON_ALNUM.sub("", _PLACE_PREFIX.sub("", _collapse(name).lower()))


def _dmy(value: date) -> str:
    return f"{value:%d-%m-%Y}"


def _table(text: str) -> dict[str, str]:
    """``"code: spelling, spelling"`` lines → spelling → code: keeps synonym tables short and readable."""
    pairs = (line.split(":") for line in text.strip().splitlines())
    return {word.strip(): code.strip() for code, words in pairs for word in words.split(",")}


# --- NIK and KK ------------------------------------------------------------------------------------------------

_ID_NAMES = {"nik": {"label": "NIK", "source": "KTP"}, "kk_number": {"label": "Nomor KK", "source": "Kartu Keluarga"}}
_APOSTROPHES = "'`‘’"
_SCIENTIFIC = re.compile(r"\+?(\d+)(?:[.,](\d*))?[eE]\+?(\d{1,2})")
_EXCEL_DECIMAL = re.compile(r"(\d{16})[.,]0+")
_SEPARATORS = re.compile(r"[.\-]")
_DIGITS = re.compile(r"[0-9]+")


def clean_id_number(text: str, field: str, *, inexact: bool = False) -> tuple[str, list[Issue]]:
    """The 16 digits of a NIK (``field="nik"``) or KK number (``"kk_number"``), or "" with an error.

    Excel is the usual culprit: it turns long numbers into floats. What can be undone exactly is undone;
    spaces, dots, dashes and the apostrophe that forces text in Excel are dropped without comment.
    """
    names, typed = _ID_NAMES[field], _collapse(text)
    if inexact:
        return "", [_issue(field, "excel_number", **names)]
    compact = _WHITESPACE.sub("", typed).lstrip(_APOSTROPHES)
    if match := _SCIENTIFIC.fullmatch(compact):
        return _from_scientific(match, typed, field)
    if match := _EXCEL_DECIMAL.fullmatch(compact):
        return match.group(1), [_issue(field, "excel_fixed", typed=typed, value=match.group(1), **names)]
    return _sixteen_digits(_SEPARATORS.sub("", compact), typed, field)


def _from_scientific(match: re.Match, typed: str, field: str) -> tuple[str, list[Issue]]:
    whole, fraction, exponent = match.group(1), match.group(2) or "", int(match.group(3))
    if len((whole + fraction).lstrip("0")) < 16:
        # Excel showed at most 15 significant digits (3,50301E+15): the rest are gone and cannot be guessed.
        return "", [_issue(field, "excel_scientific", typed=typed, **_ID_NAMES[field])]
    value = Decimal(f"{whole}.{fraction}").scaleb(exponent)
    if value != value.to_integral_value():
        return _sixteen_digits(typed, typed, field)
    number, issues = _sixteen_digits(str(int(value)), typed, field)
    fixed = [_issue(field, "excel_fixed", typed=typed, value=number, **_ID_NAMES[field])] if number else []
    return number, issues + fixed


def _sixteen_digits(digits: str, typed: str, field: str) -> tuple[str, list[Issue]]:
    names = _ID_NAMES[field]
    if not digits:
        return "", []
    if not _DIGITS.fullmatch(digits):
        return "", [_issue(field, "not_digits", typed=typed, **names)]
    if len(digits) == 15:
        return "", [_issue(field, "fifteen_digits", typed=typed, **names)]
    if len(digits) != 16:
        return "", [_issue(field, "length", typed=typed, count=len(digits), **names)]
    return digits, []


def _nik_structure(nik: str, ctx: RowContext) -> tuple[NikInfo, list[Issue]]:
    """Structure errors from lokal-id; a NIK issued in another regency is a mover's, so only a warning (§6)."""
    info = parse_nik(nik, reference_date=ctx.reference_date)
    codes = {"province": nik[:2], "birth_date": nik[6:12]}
    issues = [_nik_error(issue.code, issue.message, codes.get(issue.code, "")) for issue in info.errors]
    regency = re.sub(r"\D", "", ctx.regency)
    if info.valid and regency and not nik.startswith(regency):
        issues.append(_issue("nik", "nik_other_regency", number=f"{nik[:2]}.{nik[2:4]}"))
    return info, issues


def _nik_error(code: str, message: str, number: str) -> Issue:
    # lokal-id may add checks in a later release: show its own (Indonesian) message rather than fail.
    if f"nik_{code}" in MESSAGES:
        return _issue("nik", f"nik_{code}", number=number)
    return _issue("nik", "nik_invalid", value=message)


def _nik_agreement(info: NikInfo | None, result: RowResult) -> list[Issue]:
    """The NIK's date and sex may legitimately differ from the KTP's (domain-facts §4.1 rule 6): warnings."""
    if info is None or not info.valid:
        return [] if result.sex else [_issue("sex", "sex_missing")]
    issues = _nik_date_agreement(date.fromisoformat(info.birth_date), result.birth_date)
    if not result.sex:
        result.sex = info.gender
        issues.append(_issue("sex", "sex_from_nik", value=info.gender))
    elif info.gender != result.sex:
        issues.append(_issue("sex", "nik_sex_mismatch", number=info.gender, value=result.sex))
    return issues


def _nik_date_agreement(nik_date: date, declared: date | None) -> list[Issue]:
    # A NIK has a two-digit year: compare years modulo 100, so that a wrong century guess cannot disagree.
    def day_month_yy(value: date) -> tuple[int, int, int]:
        return value.day, value.month, value.year % 100

    if declared is None or day_month_yy(nik_date) == day_month_yy(declared):
        return []
    return [_issue("birth_date", "nik_birth_date_mismatch", number=f"{nik_date:%d-%m-%y}", value=_dmy(declared))]


def _kk_structure(kk: str, nik: str) -> list[Issue]:
    """KK: region (6) + recording date DDMMYY + serial (domain-facts §4.2); only plausibility, as warnings."""
    issues = [] if kk[:2] in PROVINCES else [_issue("kk_number", "kk_province", number=kk[:2])]
    day, month = int(kk[6:8]), int(kk[8:10])
    # Like a NIK, some KK numbers are seen with day + 40 (domain-facts §4.2, uncertain): accept both.
    if _date_or_none(2000, month, day - 40 if day > 40 else day) is None:  # 2000 is a leap year: 29-02 is real
        issues.append(_issue("kk_number", "kk_date", number=kk[6:12]))
    if kk == nik:
        issues.append(_issue("kk_number", "kk_equals_nik"))
    return issues


# --- Dates -----------------------------------------------------------------------------------------------------

_MONTHS = {
    word: int(month)
    for word, month in _table("""
        1: januari, january, jan
        2: februari, pebruari, february, feb, peb
        3: maret, march, mar
        4: april, apr
        5: mei, may
        6: juni, june, jun
        7: juli, july, jul
        8: agustus, august, agu, agt, ags, agus, aug
        9: september, sep, sept
        10: oktober, october, okt, oct
        11: november, nopember, nov, nop
        12: desember, december, des, dec
    """).items()
}
_TIME_PART = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2}) ?[-/.] ?(\d{1,2}) ?[-/.] ?(\d{4}|\d{2})")
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4})")
_NAMED = re.compile(r"(\d{1,2})[ \-./]*([^\W\d_]+)\.?[ \-./,]*(\d{4}|\d{2})")
_NAMED_MONTH_FIRST = re.compile(r"([^\W\d_]+)\.? (\d{1,2}),? (\d{4})")
_YEAR_ONLY = re.compile(r"(19|20)\d{2}")
_SERIAL = re.compile(r"(\d{1,6})(?:[.,]\d+)?")
#: Excel's day zero. Serials from 61 on count the 29-02-1900 that never was, which this epoch absorbs.
_EXCEL_EPOCH = date(1899, 12, 30)
_MAX_AGE = 120


def parse_birth_date(text: str, *, reference_date: date, field: str = "birth_date") -> tuple[date | None, list[Issue]]:
    """A birth date as people type it or Excel stores it; day before month, as Indonesians write dates."""
    typed = _collapse(text)
    if not typed:
        return None, []
    value, issues = _read_date(_TIME_PART.sub("", typed).lower(), typed, reference_date, field)
    if value is None and not issues:
        issues = [_issue(field, "date_unreadable", typed=typed)]
    if value is not None:
        issues += _date_range(value, reference_date, field)
    return value, issues


def _read_date(text: str, typed: str, ref: date, field: str) -> tuple[date | None, list[Issue]]:
    if match := _ISO.fullmatch(text):
        return _or_impossible(_date_or_none(*map(int, match.groups())), field, typed)
    if match := _NUMERIC.fullmatch(text) or _COMPACT.fullmatch(text):
        return _day_first(*match.groups(), ref=ref, field=field, typed=typed)
    if (match := _NAMED.fullmatch(text)) and match.group(2) in _MONTHS:
        value = _make_date(match.group(3), _MONTHS[match.group(2)], int(match.group(1)), ref)
        return _or_impossible(value, field, typed)
    if (match := _NAMED_MONTH_FIRST.fullmatch(text)) and match.group(1) in _MONTHS:
        value = _make_date(match.group(3), _MONTHS[match.group(1)], int(match.group(2)), ref)
        return _or_impossible(value, field, typed)
    if _YEAR_ONLY.fullmatch(text) and int(text) <= ref.year:
        return None, [_issue(field, "year_only", typed=typed)]
    if match := _SERIAL.fullmatch(text):
        return _EXCEL_EPOCH + timedelta(days=int(match.group(1))), []
    return None, []


def _or_impossible(value: date | None, field: str, typed: str) -> tuple[date | None, list[Issue]]:
    return value, [] if value else [_issue(field, "date_impossible", typed=typed)]


def _day_first(
    day: str, month: str, year: str, *, ref: date, field: str, typed: str
) -> tuple[date | None, list[Issue]]:
    if value := _make_date(year, int(month), int(day), ref):
        return value, []
    # Only a month-first reading is possible (12/31/1980): accept it, but make the operator look.
    if value := _make_date(year, int(day), int(month), ref):
        return value, [_issue(field, "date_month_first", typed=typed, value=_dmy(value))]
    return None, [_issue(field, "date_impossible", typed=typed)]


def _make_date(year: str, month: int, day: int, ref: date) -> date | None:
    if len(year) == 4:
        return _date_or_none(int(year), month, day)
    # Two-digit year: the century that puts the age between 0 and 100 on the reference date.
    recent = _date_or_none(2000 + int(year), month, day)
    if recent is not None and recent <= ref:
        return recent
    return _date_or_none(1900 + int(year), month, day)


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_range(value: date, ref: date, field: str) -> list[Issue]:
    if value > ref:
        return [_issue(field, "date_future", value=_dmy(value))]
    if ref.year - value.year - ((ref.month, ref.day) < (value.month, value.day)) > _MAX_AGE:
        return [_issue(field, "date_too_old", value=_dmy(value))]
    return []


def split_birth_place_date(text: str) -> tuple[str, str]:
    """Place and date of birth from one cell: "TRENGGALEK, 31-12-1980" → ("TRENGGALEK", "31-12-1980").

    The date starts at the first digit, so a place never needs a separator before it.
    """
    typed = _collapse(text)
    match = re.search(r"\d", typed)
    if match is None:
        return typed.strip(" ,/;:-"), ""
    return typed[: match.start()].strip(" ,/;:-"), typed[match.start() :]


# --- Name, sex, address ----------------------------------------------------------------------------------------

_NAME_CHARACTER = re.compile(r"[^\W\d_]|[ '’`.,\-()]")
_SEX = _table("""
    L: L, LK, LAKILAKI, LAKI, PRIA, M, MALE
    P: P, PR, PEREMPUAN, WANITA, W, F, FEMALE
""")
_UNIT = re.compile(r"(?:R[TW]\.? ?)?0*(\d{1,3})", re.IGNORECASE)


def _clean_name(text: str) -> tuple[str, list[Issue]]:
    name = _collapse(text)
    if not name:
        return "", [_issue("full_name", "name_missing")]
    odd = sorted({character for character in name if not _NAME_CHARACTER.fullmatch(character)})
    # Odd characters are reported, not stripped: templates escape on output, and the data is fixed at the source.
    issues = [_issue("full_name", "name_characters", value=" ".join(odd))] if odd else []
    # Capitals, as the KTP prints names: lists then match Dukcapil's and BPJS's without case juggling.
    return name.upper(), issues


def _clean_sex(text: str) -> tuple[str, list[Issue]]:
    typed = _collapse(text)
    if not typed:
        return "", []
    if sex := _SEX.get(_NON_ALNUM.sub("", typed.upper())):
        return sex, []
    return "", [_issue("sex", "sex_unknown", typed=typed)]


def _clean_rt_rw(cells: Mapping[str, str]) -> tuple[str, str, list[Issue]]:
    rt, rw, combined = _collapse(cells.get("rt")), _collapse(cells.get("rw")), _collapse(cells.get("rt_rw"))
    if combined and not (rt or rw):
        parts = re.findall(r"\d+", combined)
        if len(parts) != 2:
            return "", "", [_issue("rt_rw", "rt_rw_format", typed=combined)]
        rt, rw = parts
    rt, rt_issues = _pad_unit(rt, "rt")
    rw, rw_issues = _pad_unit(rw, "rw")
    return rt, rw, rt_issues + rw_issues


def _pad_unit(typed: str, field: str) -> tuple[str, list[Issue]]:
    if not typed:
        return "", []
    match = _UNIT.fullmatch(typed)
    if match is None or int(match.group(1)) == 0:
        return "", [_issue(field, "unit_format", label=field.upper(), typed=typed)]
    return f"{int(match.group(1)):03d}", []


# --- Village ---------------------------------------------------------------------------------------------------

_CODE_LIKE = re.compile(r"[\d. ]+")


def _resolve_village(cells: Mapping[str, str], ctx: RowContext) -> tuple[str, list[Issue]]:
    typed, bps = _collapse(cells.get("village")), _collapse(cells.get("bps_village_code"))
    if typed:
        code, issues = _village_from_text(typed, _collapse(cells.get("district")), ctx)
    elif bps:
        code, issues = _village_from_bps(bps, ctx)
    elif ctx.allowed_villages is not None and len(ctx.allowed_villages) == 1:
        # A village operator's own list often has no desa column: every row is then her village.
        code, issues = next(iter(ctx.allowed_villages)), []
    else:
        return "", [_issue("village", "village_missing")]
    if code and typed and bps:
        issues += _bps_agreement(code, bps, ctx)
    if code and ctx.allowed_villages is not None and code not in ctx.allowed_villages:
        issues.append(_issue("village", "village_out_of_scope", value=_village_label(code, ctx)))
    return code, issues


def _village_label(code: str, ctx: RowContext) -> str:
    name = ctx.villages.get(code, code)
    district = ctx.districts.get(regioncodes.parent_of(code) or "")
    return f"{name} (Kec. {district})" if district else name


def _village_from_text(typed: str, district: str, ctx: RowContext) -> tuple[str, list[Issue]]:
    if _CODE_LIKE.fullmatch(typed):
        return _village_from_code(typed, ctx)
    codes = ctx.village_by_name.get(_place_key(typed), ())
    if not codes:
        return "", [_issue("village", "village_unknown", typed=typed, value=_suggestion(typed, ctx))]
    in_district, issues = _district_codes(district, ctx)
    narrowed = [code for code in codes if regioncodes.parent_of(code) in in_district]
    if len(codes) == 1:
        if in_district and not narrowed:
            issues.append(_issue("district", "district_mismatch", typed=district, value=_village_label(codes[0], ctx)))
        return codes[0], issues
    if len(narrowed) == 1:
        return narrowed[0], issues
    # A village operator may only propose for her own village, so the only other reading would be refused anyway.
    own = [code for code in codes if ctx.allowed_villages is not None and code in ctx.allowed_villages]
    if len(own) == 1 and not in_district:
        return own[0], issues
    # Two desa of one name in different kecamatan: never pick one silently.
    hint = f"kecamatan '{district}' tidak cocok dengan salah satunya" if district else "isi kolom kecamatan"
    places = ", ".join(_village_label(code, ctx) for code in codes)
    return "", [*issues, _issue("village", "village_ambiguous", typed=typed, value=places, label=hint)]


def _district_codes(typed: str, ctx: RowContext) -> tuple[set[str], list[Issue]]:
    if not typed:
        return set(), []
    if _CODE_LIKE.fullmatch(typed):
        codes = {_normalised_code(typed)} & set(ctx.districts)
    else:
        codes = set(ctx.district_by_name.get(_place_key(typed), ()))
    return codes, [] if codes else [_issue("district", "district_unknown", typed=typed)]


def _village_from_code(typed: str, ctx: RowContext) -> tuple[str, list[Issue]]:
    code = _normalised_code(typed)
    if code in ctx.villages:
        return code, []
    # Ten digits may also be a BPS code (3503010001): those differ from Kemendagri's (domain-facts §5.2).
    if re.sub(r"\D", "", typed) in ctx.bps_to_kemendagri:
        return _village_from_bps(typed, ctx)
    return "", [_issue("village", "village_code_unknown", typed=typed)]


def _village_from_bps(typed: str, ctx: RowContext) -> tuple[str, list[Issue]]:
    code = ctx.bps_to_kemendagri.get(re.sub(r"\D", "", typed))
    if code is None:
        return "", [_issue("bps_village_code", "bps_unknown", typed=typed)]
    if code not in ctx.villages:
        return "", [_issue("bps_village_code", "bps_outside", typed=typed)]
    return code, []


def _bps_agreement(code: str, bps: str, ctx: RowContext) -> list[Issue]:
    # The BPS crosswalk is stale (domain-facts §5.2): trust the desa column, but show the disagreement.
    other = ctx.bps_to_kemendagri.get(re.sub(r"\D", "", bps))
    if other is None or other == code:
        return []
    label = _village_label
    return [_issue("bps_village_code", "bps_mismatch", typed=bps, value=label(other, ctx), number=label(code, ctx))]


def _normalised_code(typed: str) -> str:
    try:
        return regioncodes.normalize(typed.replace(" ", ""))
    except regioncodes.InvalidRegionCode:
        return ""


def _suggestion(typed: str, ctx: RowContext) -> str:
    names = {_place_key(name): name for name in ctx.villages.values()}
    best = process.extractOne(_place_key(typed), list(names), scorer=fuzz.ratio, score_cutoff=80)
    return f" Mungkin maksudnya {names[best[0]]}?" if best else ""


# --- Phone, occupation, groups, decile -------------------------------------------------------------------------


def _clean_phone(text: str) -> tuple[str, list[Issue]]:
    typed = _collapse(text)
    if not typed:
        return "", []
    numbers = [part for part in re.split(r"[/,;]", typed) if part.strip()]
    info = parse_phone(numbers[0])
    if not info.valid:
        return "", [_issue("phone", "phone_invalid", typed=typed, value=info.errors[0].message)]
    issues = [_issue("phone", "phone_note", typed=typed, value=issue.message) for issue in info.warnings]
    if info.type != "mobile":
        issues.append(_issue("phone", "phone_landline", typed=typed))
    if len(numbers) > 1:
        issues.append(_issue("phone", "phone_several"))
    return "0" + info.e164.removeprefix("+62"), issues


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


def _clean_occupation(text: str, ctx: RowContext) -> tuple[str, list[Issue]]:
    typed = _collapse(text)
    if not typed:
        return "", []
    if code := ctx.occupation_vocabulary.match(typed):
        return code, []
    return "", [_issue("occupation", "occupation_unknown", typed=typed, value=ctx.occupation_vocabulary.choices())]


def _clean_groups(text: str, ctx: RowContext) -> tuple[tuple[str, ...], list[Issue]]:
    """A cell may list several groups ("Janda, Lansia"); the result keeps the vocabulary's order."""
    found, issues, vocabulary = set(), [], ctx.group_vocabulary
    for part in filter(None, map(_collapse, re.split(r"[,;/&+]| dan ", text or ""))):
        if code := vocabulary.match(part):
            found.add(code)
        else:
            issues.append(_issue("groups", "group_unknown", typed=part, value=vocabulary.choices()))
    return tuple(code for code in ctx.groups if code in found), issues


def _clean_decile(text: str) -> tuple[int | None, list[Issue]]:
    typed = _collapse(text)
    if not typed:
        return None, []
    match = re.fullmatch(r"(?:desil|d)? ?(\d{1,2})(?:[.,]0+)?", typed, re.IGNORECASE)
    if match and 1 <= int(match.group(1)) <= 10:
        return int(match.group(1)), []
    return None, [_issue("welfare_decile", "decile_invalid", typed=typed)]


# --- The row ---------------------------------------------------------------------------------------------------


def check_row(raw: Mapping[str, str], ctx: RowContext, *, inexact_fields: frozenset[str] = frozenset()) -> RowResult:
    """Cleans and checks one row whose cells are keyed by field (headers.FIELD_LABELS).

    ``inexact_fields`` names the cells the reader found stored as numbers too large to be exact (over 2**53).
    """
    cells = {key: "" if value is None else str(value) for key, value in raw.items()}
    result = RowResult(full_name_original=cells.get("full_name", ""))
    nik_info = _check_numbers(cells, ctx, inexact_fields, result)
    _check_person(cells, ctx, result)
    result.issues += _nik_agreement(nik_info, result)
    _check_address(cells, ctx, result)
    _check_extras(cells, ctx, result)
    return result


def _check_numbers(
    cells: Mapping[str, str], ctx: RowContext, inexact: frozenset[str], result: RowResult
) -> NikInfo | None:
    result.nik, issues = clean_id_number(cells.get("nik", ""), "nik", inexact="nik" in inexact)
    result.issues += issues or ([] if result.nik else [_issue("nik", "nik_missing")])
    info = None
    if result.nik:
        info, structure = _nik_structure(result.nik, ctx)
        result.issues += structure
    result.kk_number, issues = clean_id_number(cells.get("kk_number", ""), "kk_number", inexact="kk_number" in inexact)
    result.issues += issues + (_kk_structure(result.kk_number, result.nik) if result.kk_number else [])
    return info


def _check_person(cells: Mapping[str, str], ctx: RowContext, result: RowResult) -> None:
    result.full_name, issues = _clean_name(cells.get("full_name", ""))
    place, date_text = split_birth_place_date(cells.get("birth_place_date", ""))
    # Separate columns win over the combined TTL cell when both are filled.
    result.birth_place = _collapse(cells.get("birth_place") or place).upper()
    typed_date = _collapse(cells.get("birth_date") or date_text)
    result.birth_date, date_issues = parse_birth_date(typed_date, reference_date=ctx.reference_date)
    result.sex, sex_issues = _clean_sex(cells.get("sex", ""))
    missing = [] if typed_date else [_issue("birth_date", "birth_date_missing")]
    result.issues += issues + date_issues + missing + sex_issues


def _check_address(cells: Mapping[str, str], ctx: RowContext, result: RowResult) -> None:
    result.street = _collapse(cells.get("street"))
    result.rt, result.rw, unit_issues = _clean_rt_rw(cells)
    result.village_code, village_issues = _resolve_village(cells, ctx)
    result.issues += unit_issues + village_issues


def _check_extras(cells: Mapping[str, str], ctx: RowContext, result: RowResult) -> None:
    result.phone, phone_issues = _clean_phone(cells.get("phone", ""))
    result.occupation, occupation_issues = _clean_occupation(cells.get("occupation", ""), ctx)
    result.groups, group_issues = _clean_groups(cells.get("groups", ""), ctx)
    result.welfare_decile, decile_issues = _clean_decile(cells.get("welfare_decile", ""))
    result.note = _collapse(cells.get("note"))
    result.issues += phone_issues + occupation_issues + group_issues + decile_issues


# --- Across rows -----------------------------------------------------------------------------------------------


_SHOWN_ROWS = 5


def find_duplicates(results: Sequence[RowResult], row_numbers: Sequence[int] | None = None) -> dict[int, list[Issue]]:
    """Issues from comparing rows, keyed by position in ``results``.

    ``row_numbers`` are the rows as the operator sees them in the file ("sama dengan baris 12"); 1, 2, 3… if
    not given. The same NIK twice is an error on the later rows; the same name and birth date under different
    NIKs is a warning on each of them (one person typed twice, or two people: the operator knows).
    """
    numbers = list(row_numbers) if row_numbers is not None else list(range(1, len(results) + 1))
    found: dict[int, list[Issue]] = defaultdict(list)
    first: dict[str, int] = {}
    for index, result in enumerate(results):
        if result.nik and result.nik in first:
            found[index].append(_issue("nik", "nik_duplicate", value=numbers[first[result.nik]]))
        elif result.nik:
            first[result.nik] = index
    _same_person(results, numbers, found)
    return dict(found)


def _same_person(results: Sequence[RowResult], numbers: list[int], found: dict[int, list[Issue]]) -> None:
    people: dict[tuple[str, date], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for index, result in enumerate(results):
        if result.full_name and result.birth_date and result.nik:
            people[(result.full_name, result.birth_date)][result.nik].append(index)
    for by_nik in people.values():
        if len(by_nik) > 1:
            size = sum(map(len, by_nik.values()))
            for nik, indexes in by_nik.items():
                issue = _issue(
                    "nik", "same_person_other_nik", value=_other_rows(by_nik, nik, size - len(indexes), numbers)
                )
                for index in indexes:
                    found[index].append(issue)


def _other_rows(by_nik: Mapping[str, list[int]], nik: str, count: int, numbers: list[int]) -> str:
    """The first few rows under another NIK: a whole village of one common name must not make a huge message."""
    others = (str(numbers[i]) for other, indexes in by_nik.items() if other != nik for i in indexes)
    shown = list(islice(others, _SHOWN_ROWS))
    return ", ".join(shown) + (f" (dan {count - len(shown)} baris lain)" if count > len(shown) else "")
