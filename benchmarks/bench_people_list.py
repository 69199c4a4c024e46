"""People-list response times at a regency's real size (Trenggalek: 750,000 residents).

Builds (or reuses, with --reuse) a database with the synthetic regency, then times the pages a verifier
(whole regency) and a village operator use: first page, a deep page, name and NIK search, filters.

    .venv/bin/python benchmarks/bench_people_list.py --population 750000
    .venv/bin/python benchmarks/bench_people_list.py --population 750000 \
        --database-url postgres://postgres@127.0.0.1:5432/jaring_bench_people
"""

import argparse
import statistics
import time

from _setup import django_with_database, machine

REPEATS = 15


def build(population: int) -> None:
    from jaring.demo.services import demo_regency_generate
    from jaring.people.models import Person

    have = Person.objects.filter(regency_code="35.03").count()
    if have and abs(have - population) / population < 0.5:
        print(f"reusing {have:,} people already in the database")
        return
    started = time.perf_counter()
    demo_regency_generate(regency="35.03", population=population, seed=2025, replace=True)
    print(f"generated {population:,} residents in {time.perf_counter() - started:.1f} s")


def timed(client, url: str) -> tuple[float, float]:
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--population", type=int, default=750_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    url = django_with_database(args.database_url)
    from django.test import Client

    from jaring.accounts.models import User
    from jaring.demo.users import demo_users_ensure
    from jaring.people.models import Person
    from jaring.regions.services import regions_load

    regions_load(prefix="35.03")
    build(args.population)
    demo_users_ensure()
    sample = Person.objects.filter(regency_code="35.03").order_by("id")[1000]
    surname = sample.full_name.split()[-1].lower()
    cases = {
        "verifikator": [
            ("first page", "/orang/"),
            ("page 2,000", "/orang/?page=2000"),
            (f"name search '{surname}'", f"/orang/?q={surname}"),
            ("NIK prefix (12 digits)", f"/orang/?q={sample.nik[:12]}"),
            ("full NIK", f"/orang/?q={sample.nik}"),
            ("kecamatan", "/orang/?kecamatan=35.03.01"),
            ("kecamatan + desa", "/orang/?kecamatan=35.03.01&desa=35.03.01.2001"),
            ("group lansia", "/orang/?group=lansia"),
            ("occupation nelayan", "/orang/?occupation=nelayan"),
            ("kecamatan + occupation + name", f"/orang/?kecamatan=35.03.08&occupation=petani&q={surname}"),
            ("home page counts", "/"),
        ],
        "operator.besuki": [("first page", "/orang/"), (f"name search '{surname}'", f"/orang/?q={surname}")],
    }
    vendor = url.split(":", 1)[0]
    people = Person.objects.count()
    print(f"\npeople list, {people:,} people in the registry, {vendor}, {REPEATS} requests each [{machine()}]")
    print(f"{'user':<16} {'request':<36} {'median ms':>10} {'p95 ms':>8}")
    for username, requests in cases.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for label, path in requests:
            median, p95 = timed(client, path)
            print(f"{username:<16} {label:<36} {median:>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
