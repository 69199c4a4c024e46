"""Writes of the roll-up (issue #8 point 3): sender keys, and the signed summary files of regencies on another
Jaring instance, imported in two phases (DESIGN.md §5.4): ``summary_check`` says what a file would record and
writes nothing; ``summary_import`` records it. The same file twice changes nothing; a file older than the one
held is refused. On the sending side ``summary_export`` signs this instance's figures of one regency.
"""

import hashlib
import secrets
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from enum import StrEnum

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jaring.accounts.roles import Role
from jaring.accounts.scoping import may_act
from jaring.audit.services import audit_record
from jaring.core.regioncodes import Level
from jaring.programs.models import Program
from jaring.programs.rates import month_name
from jaring.regions.models import Region

from . import summary_file
from .dashboard import regency_figures
from .models import RegencySummary, SenderKey
from .summary_file import Summary, SummaryRefused, withhold

#: A registered secret (made on another instance) must be at least this long; ours are 64 hex characters.
MIN_SECRET = 32


def min_cell() -> int:
    return getattr(settings, "MONITORING_MIN_CELL", 5)


def may_monitor(user) -> bool:
    """Monitors and admins work with the roll-up: aggregates only, never a person."""
    return bool(getattr(user, "is_active", False) and getattr(user, "role", None) in (Role.PEMANTAU, Role.ADMIN))


def _regency(code: str) -> Region:
    region = Region.objects.filter(code=code, level=Level.REGENCY).first()
    if region is None:
        raise SummaryRefused(f"Kabupaten/kota {code} tidak ada di tabel wilayah; muat wilayahnya dulu.")
    return region


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def sender_key_create(*, regency_code: str, actor, key_id: str = "", secret: str = "") -> SenderKey:
    """A new signing key for ``regency_code``; its secret is shown to the caller this once.

    ``key_id`` and ``secret`` register a key made on another instance instead of generating one.
    """
    region = _regency(regency_code)
    if not may_act(actor, region.code, may_monitor):
        raise SummaryRefused("Anda tidak berwenang membuat kunci pengirim untuk kabupaten/kota ini.")
    if key_id and not summary_file.KEY_ID.fullmatch(key_id):
        raise SummaryRefused(f"Kode kunci {key_id!r} tidak sah: huruf, angka, titik, - atau _, paling panjang 64.")
    if secret and len(secret) < MIN_SECRET:
        raise SummaryRefused(f"Rahasia kunci terlalu pendek: paling sedikit {MIN_SECRET} karakter.")
    key_id = key_id or f"{region.code}-{secrets.token_hex(4)}"
    if SenderKey.objects.filter(key_id=key_id).exists():
        raise SummaryRefused(f"Kode kunci {key_id} sudah dipakai.")
    with transaction.atomic():
        key = SenderKey.objects.create(
            regency_code=region.code, key_id=key_id, secret=secret or secrets.token_hex(32), created_by=_user(actor)
        )
        # The secret never goes into the audit trail.
        audit_record(actor=actor, action="monitoring.sender_key_create", object_type="sender_key",
                     object_id=key.key_id, region_code=region.code)  # fmt: skip
    return key


def sender_key_deactivate(*, key: SenderKey, actor) -> SenderKey:
    """Files signed with ``key`` are refused from now on (a secret that leaked, a regency that left)."""
    if not may_act(actor, key.regency_code, may_monitor):
        raise SummaryRefused("Anda tidak berwenang menonaktifkan kunci ini.")
    with transaction.atomic():
        key.active = False
        key.save(update_fields=["active"])
        audit_record(actor=actor, action="monitoring.sender_key_deactivate", object_type="sender_key",
                     object_id=key.key_id, region_code=key.regency_code)  # fmt: skip
    return key


class Outcome(StrEnum):
    NEW = "new"
    REPLACES = "replaces"
    SAME = "same"


@dataclass
class SummaryCheck:
    """What a summary file would record, and for whom."""

    summary: Summary
    sha256: str
    outcome: Outcome
    held: RegencySummary | None = None
    notices: list[str] = field(default_factory=list)


def _secret_for(key_id: str) -> str | None:
    key = SenderKey.objects.filter(key_id=key_id).first()
    if key is not None and not key.active:
        raise SummaryRefused(f"Kunci pengirim {key_id} sudah dinonaktifkan: minta kunci baru ke pemantau.")
    return key.secret if key else None


def summary_check(*, data: bytes, actor, today: date | None = None) -> SummaryCheck:
    """Verify ``data`` and compare it with the summary held for its regency and year; writes nothing."""
    summary = summary_file.verify(data, _secret_for, today=today or timezone.localdate())
    owner = SenderKey.objects.get(key_id=summary.key_id).regency_code
    if owner != summary.regency_code:
        raise SummaryRefused(f"Kunci {summary.key_id} milik kabupaten/kota {owner}, bukan {summary.regency_code}: "
                             "berkas ini tidak diimpor.")  # fmt: skip
    _regency(summary.regency_code)
    if not may_act(actor, summary.regency_code, may_monitor):
        raise SummaryRefused(f"Anda tidak berwenang mengimpor ringkasan {summary.regency_name}: di luar wilayah Anda.")
    digest = hashlib.sha256(data).hexdigest()
    held = RegencySummary.objects.filter(regency_code=summary.regency_code, year=summary.year).first()
    return SummaryCheck(summary, digest, _outcome(summary, digest, held), held, _notices(summary))


def _position(month: date | None, generated_at: datetime) -> tuple:
    return (month or date.min, generated_at)


def _outcome(summary: Summary, digest: str, held: RegencySummary | None) -> Outcome:
    if held is None:
        return Outcome.NEW
    if held.sha256 == digest:
        return Outcome.SAME
    if _position(summary.month, summary.generated_at) <= _position(held.month, held.generated_at):
        when = month_name(held.month) if held.month else "tanpa bulan"
        raise SummaryRefused(
            f"Berkas ini lebih lama dari ringkasan {held.regency_name} {held.year} yang sudah ada ({when}, dibuat "
            f"{timezone.localtime(held.generated_at):%d-%m-%Y %H:%M}): tidak diimpor. Kirim berkas yang terbaru."
        )
    return Outcome.REPLACES


def _notices(summary: Summary) -> list[str]:
    if Program.objects.filter(regency_id=summary.regency_code, year=summary.year).exists():
        return [f"Instans ini sudah memegang program {summary.regency_name} tahun {summary.year}: rekap memakai "
                "data sendiri, bukan ringkasan ini."]  # fmt: skip
    return []


def summary_import(*, data: bytes, actor, today: date | None = None) -> SummaryCheck:
    """Record the summary in ``data`` (its check again first); the same file again changes nothing."""
    with transaction.atomic():
        check = summary_check(data=data, actor=actor, today=today)
        if check.outcome == Outcome.SAME:
            return check
        s = check.summary
        # Withheld again here: a sender with a lower threshold must not lower ours.
        by_category, by_source, counts = withhold(
            s.by_category, s.by_source, {"members": s.members, "covered": s.covered, "arrears": s.arrears}, min_cell()
        )
        RegencySummary.objects.update_or_create(
            regency_code=s.regency_code,
            year=s.year,
            defaults={
                "regency_name": s.regency_name, "month": s.month, "generated_at": s.generated_at,
                "has_program": s.has_program, "budget_allocated": s.budget_allocated,
                "by_category": by_category, "by_source": by_source, **counts,
                "sha256": check.sha256, "key_id": s.key_id, "imported_by": _user(actor), "imported_at": timezone.now(),
            },
        )  # fmt: skip
        audit_record(
            actor=actor,
            action="monitoring.summary_import",
            object_type="regency_summary",
            object_id=f"{s.regency_code}/{s.year}",
            region_code=s.regency_code,
            detail={"month": s.month and f"{s.month:%Y-%m}", "sha256": check.sha256, "key_id": s.key_id,
                    "replaced": check.held.sha256 if check.held else None},
        )  # fmt: skip
    return check


def summary_export(
    *, regency_code: str, year: int, key_id: str, secret: str, actor=None, generated_at: datetime | None = None
) -> bytes:
    """This instance's figures of ``regency_code`` for ``year``, as a signed summary file."""
    region = _regency(regency_code)
    figures = asdict(regency_figures(region.code, year))
    data = summary_file.build(figures, key_id, secret, threshold=min_cell(),
                              generated_at=generated_at or timezone.localtime())  # fmt: skip
    audit_record(actor=actor, action="monitoring.summary_export", object_type="regency_summary",
                 object_id=f"{region.code}/{year}", region_code=region.code, detail={"key_id": key_id})  # fmt: skip
    return data
