"""A synthetic civil-registry extract of one regency: households under KK numbers, residents with NIKs.

Pure Python (no Django): ``generate`` yields one ``VillageBatch`` at a time so that a regency of a million
residents never sits in memory, and every village draws from its own ``Random(seed, village code)`` so the
output does not depend on how a consumer chunks it. NIK and KK structure follow reference/domain-facts.md
§4: ``PP KK CC DDMMYY SSSS`` with the day +40 for women, the region part being where the NIK was issued.
"""

from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from jaring.core.regioncodes import village_kind

from . import names
from .names import pick, weighted
from .occupations import occupation_for

HEAD, SPOUSE, CHILD, PARENT = "kepala", "pasangan", "anak", "orang_tua"
SINGLE_PARENT, DISABLED, ELDERLY, EXTREME_POOR = "orang_tua_tunggal", "disabilitas", "lansia", "miskin_ekstrem"
REGISTRY_MIN_AGE = 15
ELDERLY_AGE = 60
#: Share of deceased adults still listed in the targeting database (DTSEN is updated quarterly, deaths
#: reach it late): the verification stage has to catch them.
STALE_DECEASED_SHARE = 0.25
MOVER_HOUSEHOLD_SHARE = 0.02
SPOUSE_FROM_ELSEWHERE_SHARE = 0.025
KK_EARLIEST = date(2008, 1, 1)  # SIAK-era 16-digit KK numbers


class GeneratorError(ValueError):
    """The inputs cannot produce a consistent extract."""


@dataclass(frozen=True, slots=True)
class Village:
    code: str  # "35.03.01.2001"
    name: str = ""
    district_name: str = ""

    @property
    def district(self) -> str:
        return self.code[:8]

    @property
    def urban(self) -> bool:
        return village_kind(self.code) == "kelurahan"


@dataclass(frozen=True, slots=True)
class District:
    """A kecamatan of another regency, where movers' NIKs were issued; ``town`` is their birth place."""

    code: str  # "35.04.01"
    town: str = ""


@dataclass(slots=True)
class RegistryEntry:
    """What the targeting database (a DTSEN extract) says about a resident aged 15 or over."""

    occupation: str
    phone: str
    groups: tuple[str, ...]


@dataclass(slots=True)
class Resident:
    nik: str
    full_name: str
    sex: str  # "L" / "P"
    birth_date: date
    birth_place: str
    relation: str
    is_alive: bool = True
    death_date: date | None = None
    moved_from: str = ""  # kecamatan code of another regency where the NIK was issued
    registry: RegistryEntry | None = None


@dataclass(slots=True)
class Household:
    kk_number: str
    village: str
    street: str
    rt: str
    rw: str
    welfare_decile: int
    members: list[Resident] = field(default_factory=list)


@dataclass(slots=True)
class VillageBatch:
    village: Village
    households: list[Household]

    @property
    def size(self) -> int:
        return sum(len(h.members) for h in self.households)


def generate(
    villages: Sequence[Village],
    *,
    seed: int,
    population: int,
    extract_date: date,
    other_districts: Sequence[District] = (),
    regency_town: str = "",
    taken_niks: Container[str] = frozenset(),
) -> Iterator[VillageBatch]:
    """Residents of ``villages`` (one regency), ``population`` in all, as of ``extract_date``.

    ``other_districts`` are kecamatan of other regencies that movers come from; ``taken_niks`` holds NIKs
    already used elsewhere (another regency's extract), which are skipped.
    """
    if population < 0:
        raise GeneratorError("population must not be negative")
    ordered = sorted(villages, key=lambda v: v.code)
    if population and not ordered:
        raise GeneratorError("no villages to place residents in")
    own = {v.code[:5] for v in ordered}
    state = _State(
        seed=seed,
        extract_date=extract_date,
        others=tuple(d for d in sorted(other_districts, key=lambda d: d.code) if d.code[:5] not in own),
        regency_town=regency_town,
        taken=taken_niks,
    )
    for village, size in zip(ordered, village_sizes(ordered, population, seed), strict=True):
        state.enter_district(village.district)
        yield _village_batch(state, village, size)


def village_sizes(villages: Sequence[Village], population: int, seed: int) -> list[int]:
    """Residents per village: uneven, kelurahan a bit larger, summing exactly to ``population``."""
    rng = Random(f"{seed}:sizes")
    weights = [rng.lognormvariate(0, 0.45) * (1.6 if v.urban else 1.0) for v in villages]
    total = sum(weights) or 1.0
    raw = [population * w / total for w in weights]
    sizes = [int(x) for x in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - sizes[i], reverse=True)
    for i in by_remainder[: population - sum(sizes)]:
        sizes[i] += 1
    return sizes


@dataclass(slots=True)
class _State:
    """Counters that must span villages: NIK and KK serials are unique per kecamatan and date."""

    seed: int
    extract_date: date
    others: tuple[District, ...]
    regency_town: str
    taken: Container[str]
    district: str = ""
    local_serials: dict[str, int] = field(default_factory=dict)
    moved_serials: dict[str, int] = field(default_factory=dict)
    kk_serials: dict[str, int] = field(default_factory=dict)

    def enter_district(self, district: str) -> None:
        # Villages come sorted, so a kecamatan's counters are done once the next one starts.
        if district != self.district:
            self.district = district
            self.local_serials.clear()
            self.kk_serials.clear()

    def nik(self, district: str, birth: date, sex: str, *, moved: bool) -> str:
        day = birth.day + (40 if sex == "P" else 0)
        prefix = f"{district.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}"
        serials = self.moved_serials if moved else self.local_serials
        serial = serials.get(prefix, 0)
        while True:
            serial += 1
            if serial > 9999:
                raise GeneratorError(f"more than 9,999 NIKs for {prefix}")
            nik = f"{prefix}{serial:04d}"
            if nik not in self.taken:
                serials[prefix] = serial
                return nik

    def kk_number(self, district: str, recorded: date) -> str:
        prefix = f"{district.replace('.', '')}{recorded:%d%m%y}"
        serial = self.kk_serials.get(prefix, 0) + 1
        self.kk_serials[prefix] = serial
        return f"{prefix}{serial:04d}"


# --- One village --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    relation: str
    sex: str
    age: float  # years at the extract date


@dataclass(slots=True)
class _VillageContext:
    rng: Random
    state: _State
    village: Village
    culture: str
    home_towns: tuple[str, ...]
    coastal: bool
    urban: bool
    neighbourhoods: list[tuple[str, str, int]]  # street, RW, number of RTs


def _village_batch(state: _State, village: Village, size: int) -> VillageBatch:
    rng = Random(f"{state.seed}:{village.code}")
    culture = names.culture_for(village.code)
    ctx = _VillageContext(
        rng=rng,
        state=state,
        village=village,
        culture=culture,
        home_towns=names.home_towns(village.code[:5], state.regency_town),
        coastal=village.district in names.COASTAL_DISTRICTS,
        urban=village.urban,
        neighbourhoods=_neighbourhoods(rng, village, culture, size),
    )
    households: list[Household] = []
    remaining = size
    while remaining > 0:
        drafts = _compose(rng)[:remaining]
        households.append(_household(ctx, drafts))
        remaining -= len(drafts)
    if not village.urban:
        _appoint_village_officials(rng, households, state.extract_date)
    return VillageBatch(village=village, households=households)


def _neighbourhoods(rng: Random, village: Village, culture: str, size: int) -> list[tuple[str, str, int]]:
    count = max(1, min(12, round(size / 800)))
    return [
        (
            names.neighbourhood(rng, culture, urban=village.urban, district_name=village.district_name),
            f"{rw:03d}",
            2 + int(rng.random() * 5),
        )
        for rw in range(1, count + 1)
    ]


_HEAD_AGE_BANDS = ((22, 30), (30, 40), (40, 50), (50, 60), (60, 70), (70, 80), (80, 93))
_HEAD_AGE_CUM = (12, 32, 54, 74, 88, 96, 100)
_CHILD_COUNTS = (0, 1, 2, 3, 4, 5)
_CHILDREN_CUM = (10, 30, 64, 86, 96, 100)


def _compose(rng: Random) -> list[_Draft]:
    """Who lives under one KK: head first, then spouse, children (eldest first), a grandparent."""
    low, high = weighted(rng, _HEAD_AGE_BANDS, _HEAD_AGE_CUM)
    head_age = rng.uniform(low, high)
    roll = rng.random()
    if head_age >= 62 and roll < 0.18:  # widow or widower living alone
        return [_Draft(HEAD, "P" if rng.random() < 0.7 else "L", head_age)]
    if 28 <= head_age < 65 and roll > 0.9:
        sex = "P" if rng.random() < 0.85 else "L"
        members = [_Draft(HEAD, sex, head_age)]
        mother_age = head_age if sex == "P" else head_age - 4
    else:
        mother_age = max(17.0, head_age - rng.gauss(4, 3))
        members = [_Draft(HEAD, "L", head_age), _Draft(SPOUSE, "P", mother_age)]
    members.extend(_children(rng, mother_age, len(members) == 1))
    if len(members) > 1 and members[1].relation == SPOUSE and head_age < 58 and rng.random() < 0.12:
        members.append(_Draft(PARENT, "P" if rng.random() < 0.75 else "L", min(head_age + rng.uniform(22, 34), 96)))
    return members


def _children(rng: Random, mother_age: float, single_parent: bool) -> list[_Draft]:
    count = weighted(rng, _CHILD_COUNTS, _CHILDREN_CUM) + (1 if single_parent else 0)
    children = []
    for _ in range(count):
        age = mother_age - rng.uniform(19, 41)
        if age < 0 or rng.random() < _left_home(age):
            continue
        children.append(_Draft(CHILD, "L" if rng.random() < 0.51 else "P", age))
    children.sort(key=lambda d: -d.age)
    return children


def _left_home(age: float) -> float:
    """Chance that a grown child has married out and has a KK of their own."""
    if age < 19:
        return 0.0
    return 0.25 if age < 25 else 0.6 if age < 30 else 0.9


_DECILES = tuple(range(1, 11))
_DECILE_RURAL = (14, 27, 39, 50, 60, 70, 79, 87, 94, 100)
_DECILE_URBAN = (6, 13, 21, 30, 40, 51, 63, 75, 87, 100)


def _household(ctx: _VillageContext, drafts: list[_Draft]) -> Household:
    rng, state = ctx.rng, ctx.state
    street, rw, rts = pick(rng, ctx.neighbourhoods)
    decile = weighted(rng, _DECILES, _DECILE_URBAN if ctx.urban else _DECILE_RURAL)
    extreme = decile == 1 and rng.random() < 0.12
    origin = pick(rng, state.others) if state.others and rng.random() < MOVER_HOUSEHOLD_SHARE else None
    moved_years = rng.uniform(1, 20)
    single_parent = drafts[0].relation == HEAD and len(drafts) > 1 and drafts[1].relation == CHILD
    members = []
    for order, draft in enumerate(drafts):
        came = origin if origin and draft.age > moved_years else None
        if came is None and draft.relation == SPOUSE and state.others and rng.random() < SPOUSE_FROM_ELSEWHERE_SHARE:
            came = pick(rng, state.others)
        resident = _resident(ctx, draft, came, _birth_order(rng, drafts, order))
        resident.registry = _registry_entry(ctx, resident, decile, extreme, single_parent and order == 0)
        members.append(resident)
    # A KK is re-issued when a child is born or a family registers after moving in.
    earliest = max(m.birth_date for m in members)
    if origin:
        earliest = max(earliest, state.extract_date - timedelta(days=int(moved_years * 365.2425)))
    recorded = _random_date(rng, max(earliest, KK_EARLIEST), state.extract_date - timedelta(days=1))
    return Household(
        kk_number=state.kk_number(ctx.village.district, recorded),
        village=ctx.village.code,
        street=street,
        rt=f"{1 + int(rng.random() * rts):03d}",
        rw=rw,
        welfare_decile=decile,
        members=members,
    )


def _birth_order(rng: Random, drafts: list[_Draft], index: int) -> int:
    if drafts[index].relation != CHILD:
        return pick(rng, (1, 1, 2, 2, 3, 4))
    return sum(1 for d in drafts[:index] if d.relation == CHILD) + 1


def _resident(ctx: _VillageContext, draft: _Draft, came: District | None, birth_order: int) -> Resident:
    rng, state = ctx.rng, ctx.state
    birth = state.extract_date - timedelta(days=1 + int(draft.age * 365.2425))
    district = came.code if came else ctx.village.district
    culture = names.culture_for(came.code) if came else ctx.culture
    resident = Resident(
        nik=state.nik(district, birth, draft.sex, moved=came is not None),
        full_name=names.person_name(rng, culture, draft.sex, birth.year, birth_order),
        sex=draft.sex,
        birth_date=birth,
        birth_place=_birth_place(ctx, came, culture),
        relation=draft.relation,
        moved_from=came.code if came else "",
    )
    if rng.random() < _death_chance(draft.age):
        resident.is_alive = False
        earliest = max(birth + timedelta(days=1), state.extract_date - timedelta(days=730))
        resident.death_date = _random_date(rng, earliest, state.extract_date - timedelta(days=1))
    return resident


def _birth_place(ctx: _VillageContext, came: District | None, culture: str) -> str:
    rng = ctx.rng
    if came is not None:
        return came.town or pick(rng, names.born_elsewhere(culture))
    roll = rng.random()
    if roll < 0.8 and ctx.home_towns:
        return pick(rng, ctx.home_towns)
    if roll < 0.9 and ctx.village.district_name:
        return ctx.village.district_name.upper()
    return pick(rng, names.born_elsewhere(culture))


def _death_chance(age: float) -> float:
    """Deaths in the two years before the extract that are still on the KK, by age."""
    if age < 60:
        return 0.003
    return 0.02 if age < 70 else 0.045 if age < 80 else 0.10


def _registry_entry(
    ctx: _VillageContext, resident: Resident, decile: int, extreme: bool, single_parent: bool
) -> RegistryEntry | None:
    rng = ctx.rng
    age = age_on(resident.birth_date, ctx.state.extract_date)
    if age < REGISTRY_MIN_AGE or (not resident.is_alive and rng.random() >= STALE_DECEASED_SHARE):
        return None
    groups = []
    if single_parent:
        groups.append(SINGLE_PARENT)
    if rng.random() < (0.045 if age >= ELDERLY_AGE else 0.012):
        groups.append(DISABLED)
    if age >= ELDERLY_AGE:
        groups.append(ELDERLY)
    if extreme:
        groups.append(EXTREME_POOR)
    occupation = occupation_for(
        rng,
        sex=resident.sex,
        age=age,
        culture=ctx.culture,
        coastal=ctx.coastal,
        urban=ctx.urban,
        decile=decile,
    )
    return RegistryEntry(occupation=occupation, phone=_phone(rng, age), groups=tuple(groups))


def _phone(rng: Random, age: int) -> str:
    chance = 0.7 if age < 20 else 0.85 if age < 50 else 0.6 if age < 65 else 0.3
    if rng.random() >= chance:
        return ""
    return f"{pick(rng, names.PHONE_PREFIXES)}{1_000_000 + int(rng.random() * 99_000_000)}"


def _appoint_village_officials(rng: Random, households: list[Household], extract_date: date) -> None:
    """A desa has a handful of perangkat (sekretaris, kaur, kasi, kepala dusun); a kelurahan has ASN instead.

    About one in 200 working-age adults, at most a dozen: a tiny demo population gets few or none.
    """
    candidates = [
        m.registry
        for h in households
        for m in h.members
        if m.registry and m.is_alive and 25 <= age_on(m.birth_date, extract_date) <= 56
    ]
    for entry in rng.sample(candidates, min(len(candidates) // 200, rng.randint(6, 12))):
        entry.occupation = "perangkat_desa"


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _random_date(rng: Random, earliest: date, latest: date) -> date:
    if latest <= earliest:
        return earliest
    return earliest + timedelta(days=int(rng.random() * ((latest - earliest).days + 1)))
