"""The simulator's scenarios as an .xlsx workbook: one sheet side by side, figures as numbers Excel can sum."""

from jaring.core.spreadsheet import new_workbook, write_cell, write_row

from .rates import add_months, month_span, period_start
from .simulation import Outcome

HEADER = ["", "Skenario A", "Skenario B"]


def simulation_workbook(target, outcomes: list[Outcome]) -> None:
    workbook = new_workbook(target)
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "#,##0"})
    sheet = workbook.add_worksheet("Simulasi")
    sheet.set_column(0, 0, 44)
    sheet.set_column(1, len(outcomes), 22)
    write_row(sheet, 0, HEADER[: len(outcomes) + 1], bold)
    for row, (label, values) in enumerate(_lines(outcomes), start=1):
        write_cell(sheet, row, 0, label, bold if not values else None)
        for col, value in enumerate(values, start=1):
            write_cell(sheet, row, col, value, money if isinstance(value, int) else None)
    workbook.close()


def _lines(outcomes: list[Outcome]):
    def each(get):
        return [get(o) for o in outcomes]

    yield "Program", each(lambda o: o.scenario.program.name if o.scenario.program else "-")
    yield "Periode", each(lambda o: _period(o))
    yield "Penghasilan yang dilaporkan (Rp/bulan)", each(lambda o: int(o.scenario.income))
    yield "JHT", each(lambda o: "ya" if o.scenario.jht else "tidak")
    yield "Iuran per orang per bulan, APBD (Rp)", each(lambda o: int(o.cost.average) if o.cost else "")
    yield "Biaya per orang selama periode, APBD (Rp)", each(lambda o: int(o.cost.total) if o.cost else "")
    yield "Anggaran (Rp)", each(lambda o: int(o.budget))
    yield "Orang yang terbiayai", each(lambda o: o.people)
    yield "Biaya (Rp)", each(lambda o: int(o.spent))
    yield "Sisa anggaran (Rp)", each(lambda o: int(o.left))
    yield "Jumlah orang yang dihitung", each(lambda o: o.scenario.people if o.scenario.people is not None else "")
    yield "Biaya jumlah orang itu (Rp)", each(lambda o: int(o.cost_of_people) if o.cost_of_people is not None else "")
    yield "Catatan", each(lambda o: o.error)
    yield from _breakdown("Per sumber dana", outcomes, lambda o: [(s.name, s.people, int(s.spent)) for s in o.sources])
    yield from _breakdown("Per kecamatan", outcomes, lambda o: [(d.name, d.people, int(d.cost)) for d in o.districts])


def _period(outcome: Outcome) -> str:
    scenario = outcome.scenario
    first = period_start(scenario.year, scenario.start_month)
    return month_span(first, add_months(first, scenario.months - 1))


def _breakdown(title: str, outcomes: list[Outcome], lines):
    per_side = [dict((name, (people, cost)) for name, people, cost in lines(o)) for o in outcomes]
    names = sorted({name for side in per_side for name in side})
    if not names:
        return
    yield title, []
    for name in names:
        yield f"{name}: orang", [side.get(name, (0, 0))[0] for side in per_side]
        yield f"{name}: biaya (Rp)", [side.get(name, (0, 0))[1] for side in per_side]
