"""The signed summary file a regency on another Jaring instance sends to its provincial or national monitor
(issue #8 point 3). No Django here.

A summary is UTF-8 JSON holding aggregates only: the schema is closed, so a field that is not in it (a ``nik``, a
list of names) refuses the whole file, and every count is a non-negative integer or null. Counts between 1 and
the threshold minus one, and the complements that keep them from being worked out (``privacy``), are written as
null (suppressed) before signing, as in anything aggregate-only. The
signature is an HMAC-SHA256 over the canonical JSON of everything but ``signature`` (sorted keys, no spaces),
with a secret the monitor's instance generated for the regency and handed over once (``SenderKey``).
"""

import hashlib
import hmac
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .privacy import withheld

FORMAT = "jaring-ringkasan"
VERSION = 1
ALGORITHM = "HMAC-SHA256"
#: ``programs.ProgramCategory`` values (a test keeps them equal): the only keys ``by_category`` may hold.
CATEGORIES = ("pekerja_rentan", "perangkat_desa", "non_asn", "pemilu_ad_hoc")
#: APBD (regency and province), the villages' APBDes, and everything else (DBHCHT, donations, CSR/BAZNAS).
SOURCES = ("apbd", "apbdes", "other")
COUNTS = ("members", "covered", "arrears")
FIELDS = frozenset(
    {"format", "version", "regency_code", "regency_name", "year", "month", "generated_at", "has_program",
     "budget_allocated", "by_category", "by_source", *COUNTS, "signature"}
)  # fmt: skip
SIGNATURE_FIELDS = frozenset({"algorithm", "key_id", "value"})
MAX_BYTES = 64 * 1024

_REGENCY = re.compile(r"[0-9]{2}\.[0-9]{2}")
_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
_RUPIAH = re.compile(r"[0-9]{1,16}")
_HEX = re.compile(r"[0-9a-f]{64}")
KEY_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class SummaryRefused(ValueError):
    """A summary file that cannot be imported; the message says why, in Bahasa Indonesia."""


@dataclass(frozen=True, slots=True)
class Summary:
    """A verified summary. Counts are None where the sender suppressed them."""

    regency_code: str
    regency_name: str
    year: int
    month: date | None
    generated_at: datetime
    has_program: bool
    budget_allocated: Decimal
    by_category: dict[str, int | None]
    by_source: dict[str, int | None]
    members: int | None
    covered: int | None
    arrears: int | None
    key_id: str


def canonical(document: Mapping[str, Any]) -> bytes:
    """What is signed: every field but ``signature``, keys sorted, no spaces, UTF-8."""
    body = {k: v for k, v in document.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign(document: Mapping[str, Any], secret: str) -> str:
    return hmac.new(secret.encode("utf-8"), canonical(document), hashlib.sha256).hexdigest()


def build(
    figures: Mapping[str, Any],
    key_id: str,
    secret: str,
    *,
    threshold: int = 5,
    generated_at: datetime | None = None,
) -> bytes:
    """The signed file for one regency's figures (the fields of ``monitoring.dashboard.RegencyFigures``).

    Only the schema's fields are taken from ``figures``; counts under ``threshold`` are suppressed first.
    """
    categories, sources, counts = withhold(
        figures["by_category"], figures["by_source"], {k: figures[k] for k in COUNTS}, threshold
    )
    document = {
        "format": FORMAT,
        "version": VERSION,
        "regency_code": figures["regency_code"],
        "regency_name": figures["regency_name"],
        "year": figures["year"],
        "month": _month_text(figures.get("month")),
        "generated_at": (generated_at or datetime.now().astimezone()).isoformat(timespec="seconds"),
        "has_program": bool(figures["has_program"]),
        "budget_allocated": str(int(figures["budget_allocated"])),
        "by_category": categories,
        "by_source": sources,
        **counts,
    }
    _check_fields(document | {"signature": {}})
    _read_values(document, key_id, today=None)
    document["signature"] = {"algorithm": ALGORITHM, "key_id": key_id, "value": sign(document, secret)}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def withhold(
    by_category: dict[str, int | None], by_source: dict[str, int | None], counts: dict[str, int | None], threshold: int
) -> tuple[dict, dict, dict]:
    """A regency's figures with small counts and their complements withheld: the categories add up to the
    members, so do the sources, and so do covered and in arrears."""
    flat = {("c", k): v for k, v in by_category.items()} | {("s", k): v for k, v in by_source.items()}
    flat |= {("n", k): v for k, v in counts.items()}
    groups = [[("c", k) for k in by_category], [("s", k) for k in by_source], [("n", "covered"), ("n", "arrears")]]
    hidden = withheld(flat, [g for g in groups if all(cell in flat for cell in g)], threshold)
    shown = {cell: None if cell in hidden else v for cell, v in flat.items()}
    return (
        {k: shown["c", k] for k in by_category},
        {k: shown["s", k] for k in by_source},
        {k: shown["n", k] for k in counts},
    )


def _month_text(month: date | str | None) -> str | None:
    if month is None or isinstance(month, str):
        return month
    return f"{month:%Y-%m}"


def verify(data: bytes, secret_for: Callable[[str], str | None], *, today: date | None = None) -> Summary:
    """Read and check a summary file: its shape, its signature with the secret ``secret_for(key_id)`` gives
    (None for a key this instance does not know), then its values. Raises ``SummaryRefused``."""
    document = _parse(data)
    _check_fields(document)
    key_id, value = _signature(document)
    secret = secret_for(key_id)
    if secret is None:
        raise SummaryRefused(
            f"Kunci pengirim {key_id!r} tidak dikenal di sini: minta pemantau membuat kunci untuk kabupaten/kota "
            "ini, lalu buat ulang berkasnya dengan kunci itu."
        )
    if not hmac.compare_digest(sign(document, secret), value):
        raise SummaryRefused("Tanda tangan tidak cocok: berkas diubah atau kunci salah.")
    return _read_values(document, key_id, today=today or date.today())


def _parse(data: bytes) -> dict:
    if len(data) > MAX_BYTES:
        raise SummaryRefused("Berkas terlalu besar untuk sebuah ringkasan (paling besar 64 KB).")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SummaryRefused("Berkas bukan teks UTF-8, jadi bukan ringkasan Jaring.") from None
    except json.JSONDecodeError:
        raise SummaryRefused("Berkas bukan JSON yang sah, jadi bukan ringkasan Jaring.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SummaryRefused(f"Berkas bukan ringkasan Jaring (format harus {FORMAT!r}).")
    if document.get("version") != VERSION:
        raise SummaryRefused(
            f"Versi ringkasan {document.get('version')!r} tidak dikenal (yang dikenal: {VERSION}); samakan versi "
            "Jaring pengirim dan penerima."
        )
    return document


def _check_fields(document: Mapping[str, Any]) -> None:
    """Aggregates only: an unknown field anywhere refuses the file, so no personal data can ride along."""
    extra = sorted(set(document) - FIELDS)
    if extra:
        raise SummaryRefused(
            f"Berkas memuat kolom yang tidak diizinkan: {', '.join(extra)}. Ringkasan hanya boleh berisi angka "
            "agregat, tanpa data pribadi."
        )
    missing = sorted(FIELDS - set(document))
    if missing:
        raise SummaryRefused(f"Berkas tidak lengkap: kolom {', '.join(missing)} tidak ada.")
    for name, allowed in (("by_category", CATEGORIES), ("by_source", SOURCES)):
        counts = document[name]
        if not isinstance(counts, dict):
            raise SummaryRefused(f"Kolom {name} harus berisi angka per jenis.")
        if unknown := sorted(set(counts) - set(allowed)):
            raise SummaryRefused(f"Kolom {name} memuat jenis yang tidak dikenal: {', '.join(unknown)}.")


def _signature(document: Mapping[str, Any]) -> tuple[str, str]:
    signature = document["signature"]
    if not isinstance(signature, dict) or set(signature) != SIGNATURE_FIELDS:
        raise SummaryRefused("Tanda tangan berkas tidak lengkap (algorithm, key_id, value).")
    if signature["algorithm"] != ALGORITHM:
        raise SummaryRefused(f"Algoritma tanda tangan {signature['algorithm']!r} tidak dikenal (harus {ALGORITHM}).")
    key_id, value = signature["key_id"], signature["value"]
    if (
        not isinstance(key_id, str)
        or not KEY_ID.fullmatch(key_id)
        or not isinstance(value, str)
        or not _HEX.fullmatch(value)
    ):
        raise SummaryRefused("Tanda tangan berkas rusak: kode kunci atau nilainya tidak sah.")
    return key_id, value


def _read_values(document: Mapping[str, Any], key_id: str, *, today: date | None) -> Summary:
    year = document["year"]
    if type(year) is not int or year < 2000:
        raise SummaryRefused(f"Tahun {year!r} tidak sah.")
    if today is not None and year > today.year:
        raise SummaryRefused(f"Ringkasan untuk tahun {year} belum bisa ada: tahun itu belum tiba.")
    return Summary(
        regency_code=_regency_code(document["regency_code"]),
        regency_name=_text(document["regency_name"], "regency_name"),
        year=year,
        month=_month(document["month"], year),
        generated_at=_generated_at(document["generated_at"]),
        has_program=_flag(document["has_program"]),
        budget_allocated=_rupiah(document["budget_allocated"]),
        by_category={k: _count(v, f"by_category.{k}") for k, v in document["by_category"].items()},
        by_source={k: _count(v, f"by_source.{k}") for k, v in document["by_source"].items()},
        members=_count(document["members"], "members"),
        covered=_count(document["covered"], "covered"),
        arrears=_count(document["arrears"], "arrears"),
        key_id=key_id,
    )


def _count(value: Any, name: str) -> int | None:
    # ``bool`` is an ``int`` in Python: ``true`` is no count.
    if value is None or (type(value) is int and value >= 0):
        return value
    raise SummaryRefused(
        f"Angka {name} harus bilangan bulat tidak negatif (atau null bila disamarkan), bukan {value!r}."
    )


def _regency_code(value: Any) -> str:
    if not isinstance(value, str) or not _REGENCY.fullmatch(value):
        raise SummaryRefused(f"Kode kabupaten/kota {value!r} tidak sah (contoh: 35.03).")
    return value


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise SummaryRefused(f"Kolom {name} harus teks 1–100 huruf.")
    return value.strip()


def _month(value: Any, year: int) -> date | None:
    if value is None:
        return None
    found = _MONTH.fullmatch(value) if isinstance(value, str) else None
    if not found or int(found.group(1)) != year:
        raise SummaryRefused(f"Bulan {value!r} tidak sah: tulis YYYY-MM dalam tahun {year}, atau null.")
    return date(year, int(found.group(2)), 1)


def _generated_at(value: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        moment = None
    if moment is None or moment.tzinfo is None:
        raise SummaryRefused(f"Waktu pembuatan {value!r} tidak sah (ISO 8601 dengan zona waktu).")
    return moment


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise SummaryRefused("Kolom has_program harus true atau false.")
    return value


def _rupiah(value: Any) -> Decimal:
    if not isinstance(value, str) or not _RUPIAH.fullmatch(value):
        raise SummaryRefused(
            f'Anggaran {value!r} tidak sah: tulis rupiah utuh sebagai teks angka, misalnya "1200000000".'
        )
    return Decimal(value)
