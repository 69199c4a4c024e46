"""Enrollment fixtures: a program with two funding sources, verified recipients, and a final decree built
directly (rows inserted while it is a draft, then made final), until the decree services are merged."""

import csv
import datetime as dt
import io
import itertools

import pytest
from django.db import transaction
from django.utils import timezone

from jaring.decrees.lifecycle import DecreeKind, DecreeStatus, RecipientChange
from jaring.decrees.models import Decree, DecreeRecipient
from jaring.decrees.signals import decree_finalized
from jaring.intake.models import Candidate
from jaring.programs.lifecycle import SelectionStatus
from jaring.programs.models import Program, Selection

from ..conftest import BESUKI, NGARES, PASSWORD
from ..verification.conftest import resident, verify

YEAR = 12 * 16_800
SIGNED = dt.date(2025, 12, 20)
_numbers = itertools.count(1)


@pytest.fixture
def program(trenggalek):
    program = Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )
    program.sources.create(kind="apbd_kabupaten", name="APBD Trenggalek", amount=10 * YEAR)
    program.sources.create(kind="apbdes", name="APBDes Besuki", amount=YEAR, village_id=BESUKI)
    return program


def source_of(program, kind: str):
    return program.sources.get(kind=kind)


@pytest.fixture
def candidates(program) -> dict[str, Candidate]:
    """Four verified candidates: three of Besuki, one of Ngares."""
    found = {name: resident(program, name) for name in ("SUTRISNO", "PAIMAN", "WAGIYO")}
    found["AGUS"] = resident(program, "AGUS", village=NGARES)
    verify(program)
    return found


def final_decree(program, rows, *, number: str | None = None, signed_on=SIGNED, selection=None) -> Decree:
    """A final original decree listing ``rows`` [(candidate, source)], its candidates frozen as approval does;
    of ``selection`` when given (the approved one), else of a new approved selection."""
    if selection is None:
        selection = Selection.objects.create(
            program=program, status=SelectionStatus.APPROVED, computed_at=timezone.now()
        )
    decree = Decree.objects.create(
        program=program, selection=selection, regency_code=program.regency_id, title=f"Penerima {program.name}"
    )
    _rows(decree, [(candidate, source, RecipientChange.LISTED, "") for candidate, source in rows])
    Candidate.objects.filter(pk__in=[c.pk for c, _ in rows]).update(frozen_at=timezone.now())
    return _finalize(decree, number or f"400.3/{next(_numbers)}/406.012/2026", signed_on)


def amend(
    decree,
    *,
    removed=(),
    added=(),
    reason="Meninggal dunia",
    signed_on=dt.date(2026, 3, 10),
    effective_from=None,
    actor=None,
):
    """A final SK perubahan of ``decree``: every current row listed, ``removed`` candidates removed (with
    ``reason``), ``added`` [(candidate, source)] added; finalized as the decree service will, signal included."""
    amendment = Decree.objects.create(
        program=decree.program,
        selection=decree.selection,
        kind=DecreeKind.AMENDMENT,
        amends=decree,
        regency_code=decree.regency_code,
        title="Perubahan",
        reason=reason,
        effective_from=effective_from,
    )
    removed_ids = {c.pk for c in removed}
    current = decree.recipients.exclude(change=RecipientChange.REMOVED).select_related("candidate", "source")
    rows = [
        (r.candidate, r.source, RecipientChange.REMOVED, reason)
        if r.candidate_id in removed_ids
        else (r.candidate, r.source, RecipientChange.LISTED, "")
        for r in current
    ]
    rows += [(candidate, source, RecipientChange.ADDED, "Pengganti") for candidate, source in added]
    _rows(amendment, rows)
    with transaction.atomic():
        final = _finalize(amendment, f"400.3/{next(_numbers)}/406.012/2026", signed_on)
        decree_finalized.send(sender=Decree, decree=final, actor=actor)
    return final


def _rows(decree, rows) -> None:
    objects = []
    for number, (candidate, source, change, reason) in enumerate(rows, start=1):
        row = DecreeRecipient(
            decree=decree,
            row=number,
            person_id=candidate.person_id,
            candidate=candidate,
            source=source,
            cost=YEAR,
            change=change,
            reason=reason,
        )
        row.set_village(candidate.village_id)
        objects.append(row)
    DecreeRecipient.objects.bulk_create(objects)
    Decree.objects.filter(pk=decree.pk).update(recipients_count=len(objects))


def _finalize(decree, number: str, signed_on) -> Decree:
    Decree.objects.filter(pk=decree.pk).update(
        status=DecreeStatus.FINAL, number=number, signed_on=signed_on, finalized_at=timezone.now()
    )
    decree.refresh_from_db()
    return decree


@pytest.fixture
def decree(program, candidates) -> Decree:
    """SUTRISNO paid by APBDes Besuki, the other three by the APBD."""
    apbd, apbdes = source_of(program, "apbd_kabupaten"), source_of(program, "apbdes")
    rows = [(candidates["SUTRISNO"], apbdes)] + [(candidates[n], apbd) for n in ("PAIMAN", "WAGIYO", "AGUS")]
    return final_decree(program, rows)


def nik_of(candidate) -> str:
    return candidate.person.nik


def results_file(rows, header=("NIK", "Nama", "No KPJ", "Status", "Keterangan")) -> bytes:
    """A CSV as BPJS might send it back."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def accepted(candidate, kpj: str) -> tuple:
    return (nik_of(candidate), candidate.person.full_name, kpj, "DITERIMA", "")


def rejected(candidate, reason: str) -> tuple:
    return (nik_of(candidate), candidate.person.full_name, "", "DITOLAK", reason)


def signed_in(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client
