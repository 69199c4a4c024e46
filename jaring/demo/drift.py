"""How a person's identity drifts between lists: the faults village lists, DTKS/DTSEN extracts and Excel put
into names, NIKs, birth dates and desa. Pure Python (no Django).

Each fault takes a ``Random`` and a row (a dict with ``nik``, ``full_name``, ``birth_date``, ``sex``,
``village``) and changes the row in place. The demo uses them to give its people registry the differences
from the civil registry that verification must find; the linkage benchmark uses them to build candidates
with known truth.
"""

import datetime as dt


def nik_typo(rng, c, _):
    nik = c["nik"]
    i = rng.randrange(16)
    digit = rng.choice([d for d in "0123456789" if d != nik[i]])
    c["nik"] = nik[:i] + digit + nik[i + 1 :]


def nik_transposed(rng, c, _):
    nik = c["nik"]
    pairs = [i for i in range(15) if nik[i] != nik[i + 1]]
    i = rng.choice(pairs)
    c["nik"] = nik[:i] + nik[i + 1] + nik[i] + nik[i + 2 :]


def nik_excel_zero(rng, c, _):
    c["nik"] = c["nik"][:15] + "0"


def nik_gone(rng, c, _):
    c["nik"] = None


def nik_short(rng, c, _):
    i = rng.randrange(16)
    c["nik"] = c["nik"][:i] + c["nik"][i + 1 :]


_OLD = [("u", "oe"), ("j", "dj"), ("c", "tj"), ("y", "j"), ("sy", "sj"), ("kh", "ch"), ("ny", "nj")]
_MUHAMMAD = ["M.", "MOCH.", "MOH.", "MUHAMAD", "MOHAMMAD", "MUH.", "MOCHAMMAD"]


def name_spelling(rng, c, _):
    name = c["full_name"]
    if name.startswith("MUHAMMAD ") and rng.random() < 0.7:
        c["full_name"] = rng.choice(_MUHAMMAD) + name[8:]
        return
    options = [(new, old) for new, old in _OLD if new.upper() in name]
    if options and rng.random() < 0.7:
        new, old = rng.choice(options)
        c["full_name"] = name.replace(new.upper(), old.upper(), 1)
        return
    i = rng.randrange(1, max(2, len(name) - 1))
    if name[i].isalpha():  # a doubled or dropped letter, as typed
        c["full_name"] = name[:i] + name[i] + name[i:] if rng.random() < 0.5 else name[:i] + name[i + 1 :]
    c["full_name"] = c["full_name"].title() if rng.random() < 0.5 else c["full_name"]


def name_title(rng, c, _):
    before = rng.choice(["H. ", "HJ. " if c["sex"] == "P" else "H. ", "DRS. ", "IR. ", ""])
    after = rng.choice([", S.PD.", ", S.E.", " A.MD.", ", S.PD.I", ""]) if not before or rng.random() < 0.3 else ""
    c["full_name"] = f"{before}{c['full_name']}{after}".strip()


def name_abbreviated(rng, c, _):
    words = c["full_name"].split()
    if len(words) >= 2:
        i = rng.randrange(1, len(words))
        words[i] = words[i][0] + "."
    c["full_name"] = " ".join(words)


def name_reordered(rng, c, _):
    words = c["full_name"].split()
    c["full_name"] = " ".join(words[1:] + words[:1])


def date_swapped(rng, c, _):
    d = c["birth_date"]
    if d.day <= 12 and d.day != d.month:
        c["birth_date"] = d.replace(day=d.month, month=d.day)
    else:
        date_typo(rng, c, _)


def date_typo(rng, c, _):
    d = c["birth_date"]
    shift = rng.choice([dt.timedelta(days=rng.choice([-10, -9, -1, 1, 9, 10])), "year"])
    if shift == "year":
        c["birth_date"] = d.replace(year=d.year + rng.choice([-10, -1, 1, 10]), day=min(d.day, 28))
    else:
        c["birth_date"] = d + shift


def village_neighbour(rng, c, by_village):
    """Another desa of the same kecamatan; ``by_village`` maps a kecamatan code to its desa codes."""
    pool = [v for v in by_village[c["village"][:8]] if v != c["village"]]
    if pool:
        c["village"] = rng.choice(pool)


def sex_wrong(rng, c, _):
    c["sex"] = "L" if c["sex"] == "P" else "P"


FAULTS = {
    "nik_typo": nik_typo,
    "nik_transposed": nik_transposed,
    "nik_excel_zero": nik_excel_zero,
    "nik_excel_scientific": nik_gone,
    "nik_missing": nik_gone,
    "nik_short": nik_short,
    "name_spelling": name_spelling,
    "name_title": name_title,
    "name_abbreviated": name_abbreviated,
    "name_reordered": name_reordered,
    "date_swapped": date_swapped,
    "date_typo": date_typo,
    "village_neighbour": village_neighbour,
    "sex_wrong": sex_wrong,
}
