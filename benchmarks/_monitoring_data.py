"""The world of benchmarks/bench_monitoring.py, written by bulk SQL: Jawa Timur's 38 regencies, 666 kecamatan and
8,494 desa/kelurahan; a pekerja-rentan program per regency for this year (a perangkat-desa program too in a
few), each with an APBD kabupaten source, a DBHCHT source for tobacco farmers and workers (kabupaten only), an
APBDes source in one desa in eight, a final decree; and ``n`` people, each with one membership.

People are spread over the desa by a fixed weight per desa (50–149, so desa differ, kelurahan alike), 12
officials in each desa of a regency with a perangkat-desa program; one in ten belongs to a vulnerability group.
Memberships start in the first four months (half in January) and 2% end before the billed month. They are
generated inside the database (``generate_series`` on PostgreSQL, a recursive CTE on SQLite), one ``INSERT …
SELECT`` per table, so no Python object is made per person. Small lookup tables (``bench_*``) carry the
per-desa and per-regency choices into those statements and are dropped afterwards.
"""

import datetime as dt
import time

from _billing_data import _insert, _now

PROVINCE = "35"
#: Regencies that also pay for their village officials (perangkat desa), as wage earners.
OFFICIALS_REGENCIES = ("35.03", "35.09", "35.22", "35.29")
OFFICIALS_PER_DESA = 12
#: One desa in this many has its own APBDes source, paying for a third of its residents.
APBDES_EVERY = 8
#: (share out of 20, occupation) of the residents who are not officials; tobacco ones go to DBHCHT.
OCCUPATIONS = [(6, "petani"), (4, "buruh_tani"), (2, "nelayan"), (3, "pedagang_kecil"), (2, "ojek"),
               (1, "petani_tembakau"), (1, "buruh_tembakau"), (1, "lainnya")]  # fmt: skip
TOBACCO = ("petani_tembakau", "buruh_tembakau")
#: Person id mod 20 → vulnerability groups (one in ten in a group, one in forty in two).
GROUPS = {0: "lansia", 1: "disabilitas", 2: "orang_tua_tunggal", 3: "miskin_ekstrem"}
MONTHLY_COST = 16_800  # JKK + JKM for BPU on Rp 1,000,000, for the budgets only
#: A person's number ``i`` (1..n) read back from the NIK it is written into: every choice made per person
#: derives from it, so SQLite and PostgreSQL (which number rows in different orders) get the same world.
NUMBER = "CAST(substr(nik, 3) AS bigint)"


def build(n: int, billed: dt.date) -> dict:
    """Everything the dashboards read, for ``n`` memberships billed up to ``billed``; returns counts and the
    seconds of each phase."""
    from django.db import connection, transaction

    from jaring.regions.services import regions_load

    clock = Clock()
    regions_load(prefix=PROVINCE)
    clock.lap("regions")
    with transaction.atomic():
        _fast_session()
        villages = _villages(n)
        programs = _programs(villages, billed.year)
        _lookup_tables(villages, programs, billed)
        clock.lap("programs")
        with _indexes_later("people_person", "people_persongroup", "enrollment_membership", clock=clock):
            _people()
            clock.lap("people")
            _groups()
            clock.lap("groups")
            _memberships()
            clock.lap("memberships")
        with connection.cursor() as cursor:
            for table in ("bench_village", "bench_program", "bench_occupation", "bench_start", "bench_end"):
                cursor.execute(f"DROP TABLE {table}")
    made = {"villages": len(villages), "programs": len(programs), "people": n}
    return {"phases": clock.phases, **made}


class Clock:
    """Seconds of each phase, one after the other."""

    def __init__(self):
        self.phases, self.started = {}, time.perf_counter()

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.phases[phase], self.started = now - self.started, now


def _fast_session() -> None:
    """PostgreSQL, this session only: memory for sorts and index builds, and no per-row foreign-key triggers
    (the rows are made consistent by construction; Django's deferred checks would queue 50 million events)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("SET LOCAL session_replication_role = replica")


class _indexes_later:
    """On PostgreSQL, the tables' secondary indexes are dropped before the bulk insert and built again after
    (as pg_restore does): building an index once is several times cheaper than keeping it up row by row. The
    unique constraints' indexes stay, so duplicates are still refused."""

    def __init__(self, *tables: str, clock: Clock):
        self.tables, self.clock, self.definitions = tables, clock, []

    def __enter__(self):
        from django.db import connection

        if connection.vendor != "postgresql":
            return self
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)",
                [list(self.tables)],
            )
            self.definitions = cursor.fetchall()
            for name, _ in self.definitions:
                cursor.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, kind, value, traceback):
        from django.db import connection

        if kind is not None or not self.definitions:
            return
        with connection.cursor() as cursor:
            for _, definition in self.definitions:
                cursor.execute(definition)
        self.clock.lap("indexes")


def _villages(n: int) -> list[dict]:
    """Every desa/kelurahan with its share of the ``n`` people: ``lo``..``hi`` (inclusive, 1-based)."""
    from jaring.regions.models import Region

    rows = list(Region.objects.filter(code__startswith=PROVINCE + ".", level=4).order_by("code").values("code", "kind"))
    weights = [50 + (k * 37) % 100 for k in range(len(rows))]
    shares = [n * w // sum(weights) for w in weights]
    for k in range(n - sum(shares)):  # the rounding's remainder, one each
        shares[k] += 1
    given, out = 0, []
    for k, (row, share) in enumerate(zip(rows, shares, strict=True)):
        regency = row["code"][:5]
        officials = OFFICIALS_PER_DESA if regency in OFFICIALS_REGENCIES and row["kind"] == "desa" else 0
        apbdes = row["kind"] == "desa" and k % APBDES_EVERY == 0
        out.append({"k": k, "code": row["code"], "regency": regency, "lo": given + 1, "hi": given + share,
                    "officials": min(officials, share // 4), "apbdes": apbdes})  # fmt: skip
        given += share
    return out


def _programs(villages: list[dict], year: int) -> dict[tuple[str, str], dict]:
    """(regency, category) → the ids of the program, its decree and its sources."""
    from jaring.regions.models import Region

    names = dict(Region.objects.filter(code__in={v["regency"] for v in villages}).values_list("code", "name"))
    programs = {}
    for regency in sorted(names):
        mine = [v for v in villages if v["regency"] == regency]
        people = sum(v["hi"] - v["lo"] + 1 for v in mine)
        officials = sum(v["officials"] for v in mine)
        programs[(regency, "pekerja_rentan")] = _program(regency, names[regency], year, "pekerja_rentan",
                                                         people - officials, mine)  # fmt: skip
        if officials:
            programs[(regency, "perangkat_desa")] = _program(regency, names[regency], year, "perangkat_desa",
                                                             officials, [])  # fmt: skip
    return programs


def _program(regency: str, name: str, year: int, category: str, people: int, villages: list[dict]) -> dict:
    from django.utils import timezone

    from jaring.decrees.lifecycle import DecreeStatus
    from jaring.decrees.models import Decree
    from jaring.programs.lifecycle import SelectionStatus
    from jaring.programs.models import Program, Selection

    officials = category == "perangkat_desa"
    code = f"{'pd' if officials else 'pr'}-{regency.replace('.', '-')}-{year}"
    program = Program.objects.create(
        code=code, name=f"Bantuan iuran {'perangkat desa' if officials else 'pekerja rentan'} {name} {year}",
        year=year, regency_id=regency, category=category, segment="pu" if officials else "bpu",
        declared_income=2_500_000 if officials else 1_000_000,
    )  # fmt: skip
    budget = max(people, 1) * MONTHLY_COST * 12
    ids = {"program": program.pk, "apbd": program.sources.create(kind="apbd_kabupaten", name=f"APBD {name}",
                                                                 amount=budget).pk}  # fmt: skip
    if not officials and name.startswith("Kabupaten"):
        ids["dbhcht"] = program.sources.create(kind="dbhcht", name=f"DBHCHT {name}", amount=budget // 8,
                                               occupations=list(TOBACCO)).pk  # fmt: skip
    for village in (v for v in villages if v["apbdes"]):
        village["apbdes_id"] = program.sources.create(
            kind="apbdes", name=f"APBDes {village['code']}", amount=(village["hi"] - village["lo"] + 1) * 6 * 12
            * MONTHLY_COST // 3, village_id=village["code"],
        ).pk  # fmt: skip
    selection = Selection.objects.create(program=program, status=SelectionStatus.APPROVED, computed_at=timezone.now())
    ids["decree"] = Decree.objects.create(
        program=program, selection=selection, regency_code=regency, title=f"Penerima {program.name}",
        status=DecreeStatus.FINAL, number=f"400.3/{program.pk}/{regency}/{year}", signed_on=dt.date(year - 1, 12, 20),
        finalized_at=timezone.now(), recipients_count=people,
    ).pk  # fmt: skip
    return ids


def _lookup_tables(villages: list[dict], programs: dict, billed: dt.date) -> None:
    """The bench_* tables the bulk statements join: desa, programs per regency, occupations, start and end."""
    from django.db import connection

    from jaring.billing.periods import last_day

    first_months = min(4, billed.month)
    starts = [min(m, first_months) for m in (1, 1, 1, 1, 1, 2, 2, 3, 3, 4)]
    ends = [min(max(5 + r, first_months), max(first_months, billed.month - 1)) for r in range(6)]
    occupations = [name for share, name in OCCUPATIONS for _ in range(share)]
    tables = {
        "bench_village (k integer PRIMARY KEY, code varchar(13), lo bigint, hi bigint, officials integer, "
        "apbdes bigint, regency varchar(5))": [
            (v["k"], v["code"], v["lo"], v["hi"], v["officials"], v.get("apbdes_id"), v["regency"]) for v in villages
        ],
        "bench_program (regency varchar(5), category varchar(20), program bigint, decree bigint, apbd bigint, "
        "dbhcht bigint)": [
            (r, c, p["program"], p["decree"], p["apbd"], p.get("dbhcht")) for (r, c), p in programs.items()
        ],
        "bench_occupation (r integer PRIMARY KEY, occupation varchar(20))": list(enumerate(occupations)),
        "bench_start (r integer PRIMARY KEY, start date)": [
            (r, dt.date(billed.year, m, 1)) for r, m in enumerate(starts)
        ],
        "bench_end (r integer PRIMARY KEY, day date)": [
            (r, last_day(dt.date(billed.year, m, 1))) for r, m in enumerate(ends)
        ],
    }
    with connection.cursor() as cursor:
        for table, rows in tables.items():
            cursor.execute(f"CREATE TABLE {table}")
            marks = ", ".join(["%s"] * len(rows[0]))
            cursor.executemany(f"INSERT INTO {table.split(' ')[0]} VALUES ({marks})", rows)


def _series() -> str:
    """``FROM`` rows ``(v, i)``: every desa ``v`` of bench_village with each of its people ``i``."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return "FROM bench_village v CROSS JOIN LATERAL generate_series(v.lo, v.hi) AS g(i)"
    return (
        "FROM (WITH RECURSIVE s(k, i, hi) AS (SELECT k, lo, hi FROM bench_village WHERE hi >= lo "
        "UNION ALL SELECT k, i + 1, hi FROM s WHERE i < hi) SELECT k, i FROM s) AS g "
        "JOIN bench_village v ON v.k = g.k"
    )


def _people() -> None:
    from django.db import connection

    from jaring.people.models import Person

    postgres = connection.vendor == "postgresql"
    pad = "lpad(i::text, 14, '0')" if postgres else "printf('%014d', i)"
    occupation = "CASE WHEN i - v.lo < v.officials THEN 'perangkat_desa' ELSE o.occupation END"
    columns = {
        "nik": f"'35' || {pad}", "kk_number": "''", "full_name": f"'PESERTA ' || {pad}", "birth_place": "''",
        "birth_date": "NULL", "sex": "CASE WHEN i % 2 = 0 THEN 'P' ELSE 'L' END", "street": "''", "rt": "''",
        "rw": "''", "phone": "''", "occupation": occupation, "welfare_decile": "1 + i % 4",
        "welfare_source": "'dtsen'", "welfare_date": "NULL", "created_at": _now(), "updated_at": _now(),
        "village_id": "v.code", "district_code": "substr(v.code, 1, 8)", "regency_code": "v.regency",
        "province_code": "substr(v.code, 1, 2)",
    }  # fmt: skip
    _insert(Person, columns, f"{_series()} JOIN bench_occupation o ON o.r = i % 20")


def _groups() -> None:
    from django.db import connection

    from jaring.people.models import Person, PersonGroup

    q = connection.ops.quote_name
    person, group = q(Person._meta.db_table), q(PersonGroup._meta.db_table)
    cases = " ".join(f"WHEN {r} THEN '{name}'" for r, name in GROUPS.items())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {group} (person_id, {q('group')}) SELECT id, CASE {NUMBER} % 20 {cases} END "
            f"FROM {person} WHERE {NUMBER} % 20 < {len(GROUPS)}"
        )
        # One in forty also in extreme poverty (numbers ≡ 20 mod 40, whose first group is lansia).
        cursor.execute(
            f"INSERT INTO {group} (person_id, {q('group')}) SELECT id, 'miskin_ekstrem' FROM {person} "
            f"WHERE {NUMBER} % 40 = 20"
        )


def _memberships() -> None:
    from django.db import connection

    from jaring.enrollment.models import Membership
    from jaring.people.models import Person

    postgres = connection.vendor == "postgresql"
    pad = "lpad(p.id::text, 9, '0')" if postgres else "printf('%09d', p.id)"
    i = NUMBER.replace("nik", "p.nik")
    ended = f"{i} % 50 = 25"
    tobacco = ", ".join(f"'{t}'" for t in TOBACCO)
    source = (
        "CASE WHEN b.category = 'perangkat_desa' THEN b.apbd "
        f"WHEN p.occupation IN ({tobacco}) AND b.dbhcht IS NOT NULL THEN b.dbhcht "
        f"WHEN v.apbdes IS NOT NULL AND {i} % 3 = 0 THEN v.apbdes ELSE b.apbd END"
    )
    columns = {
        "person_id": "p.id", "program_id": "b.program", "source_id": source, "decree_id": "b.decree",
        "kpj": f"'17' || {pad}",
        "participation_type": f"CASE WHEN ({source}) = v.apbdes THEN 'SD' ELSE 'SG' END",
        "status": f"CASE WHEN {ended} THEN 'ended' ELSE 'active' END",
        "start": "s.start", "end": f"CASE WHEN {ended} THEN e.day END",
        "status_reason": f"CASE WHEN {ended} THEN 'Meninggal dunia' ELSE '' END", "created_at": _now(),
        "updated_at": _now(), "village_id": "p.village_id", "district_code": "p.district_code",
        "regency_code": "p.regency_code", "province_code": "p.province_code",
    }  # fmt: skip
    person = connection.ops.quote_name(Person._meta.db_table)
    _insert(
        Membership,
        columns,
        f"FROM {person} p JOIN bench_village v ON v.code = p.village_id JOIN bench_program b "
        "ON b.regency = p.regency_code AND b.category = CASE WHEN p.occupation = 'perangkat_desa' "
        f"THEN 'perangkat_desa' ELSE 'pekerja_rentan' END JOIN bench_start s ON s.r = {i} % 10 "
        f"JOIN bench_end e ON e.r = ({i} / 50) % 6",
    )
