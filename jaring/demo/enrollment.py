"""The enrollment stage of the demo, once the demo decree is final: the PKS with the BPJS branch, the
registration file exported, BPJS's answer synthesised (an 11-digit KPJ for almost everyone, a few rejections
with the reasons BPJS gives), imported through the services as the demo BPJS officer, and the memberships whose
start date has come made active. Deterministic: the same program gives the same KPJs and the same rejections.
"""

import csv
import io
import time
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from django.db import transaction

from jaring.accounts.models import User
from jaring.accounts.roles import Role
from jaring.audit.services import audit_record
from jaring.decrees.selectors import latest_final_decree
from jaring.enrollment.rules import program_first_day
from jaring.enrollment.selectors import enrollment_started, kpjs_in_use, membership_status_counts
from jaring.enrollment.services import (
    agreement_save,
    layout_for,
    memberships_activate_due,
    registration_export,
    result_import_apply,
    result_import_stage,
)

from .services import _number, _seconds
from .users import DEMO_USERS

#: What a BPJS branch writes when it rejects a registration (the verifier reads it in her queue).
REJECTIONS = (
    "NIK tidak terdaftar di Dukcapil",
    "Peserta sudah terdaftar di segmen PU",
    "Nama tidak sesuai dengan data Dukcapil",
    "Tanggal lahir tidak sesuai dengan data Dukcapil",
    "Peserta sudah terdaftar sebagai peserta BPU mandiri",
)
REJECTED_MIN, REJECTED_MAX = 3, 5
ANSWER_HEADER = ("NIK", "Nama Peserta", "No. KPJ", "Status", "Keterangan")


@dataclass(frozen=True, slots=True)
class EnrollmentSummary:
    program: str
    registered: int
    memberships: int
    rejected: int
    active: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"pendaftaran BPJS {self.program}: {_number(self.registered)} didaftarkan, "
            f"{_number(self.memberships)} diterima dengan KPJ ({_number(self.active)} aktif), "
            f"{_number(self.rejected)} ditolak dan kembali ke verifikator; {_seconds(self.seconds)}"
        )


def demo_enrollment_seed(program, *, today: date) -> EnrollmentSummary | None:
    """Seed the enrollment stage of ``program``; None when it has no final decree or was seeded already."""
    if latest_final_decree(program) is None or enrollment_started(program):
        return None
    started = time.perf_counter()
    officer = User.objects.get(username=next(d.username for d in DEMO_USERS if d.role == Role.PETUGAS_BPJS))
    first_day = program_first_day(program.year, program.start_month)
    with transaction.atomic():  # all of the stage or none of it
        agreement_save(
            program=program,
            number=f"B/{program.pk:03d}/PKS/BPJSTK-{program.year - 1}",
            signed_on=first_day - timedelta(days=14),
            start=first_day,
            note="PKS bantuan iuran pekerja rentan antara pemerintah kabupaten dan BPJS Ketenagakerjaan.",
            actor=officer,
        )
        exported = io.BytesIO()
        registered = registration_export(program=program, fmt="csv", target=exported, actor=officer)
        answer = bpjs_answer(exported.getvalue(), program=program, taken=kpjs_in_use())
        staged = result_import_stage(
            program=program, data=answer, filename=f"hasil-pendaftaran-{program.code}.csv", actor=officer
        )
        applied = result_import_apply(result_import=staged, actor=officer, today=today)
        memberships_activate_due(today=today, actor=officer, program=program)
        active = membership_status_counts(program)["active"]
        audit_record(
            actor=None,
            action="demo.enrollment",
            object_type="program",
            object_id=program.pk,
            region_code=program.regency_id,
            detail={"import": staged.pk, "today": today.isoformat()},
        )
    return EnrollmentSummary(
        program.code, registered, applied.memberships, applied.to_verifier, active, time.perf_counter() - started
    )


def bpjs_answer(
    registration: bytes, *, program, taken: set[str] | frozenset[str] = frozenset(), rejections: bool = True
) -> bytes:
    """BPJS's answer to a registration file (CSV, as ``registration_export`` writes it): DITERIMA with a new
    11-digit KPJ for almost everyone, DITOLAK with a reason for 3 to 5 people (none without ``rejections``).
    Seeded by the program's code."""
    rng = Random(f"jaring-demo-enrollment:{program.code}")
    _, columns = layout_for(program)
    header = {c["field"]: c["header"] for c in columns}
    people = [(row[header["nik"]], row[header["full_name"]]) for row in _read(registration)]
    count = min(rng.randint(REJECTED_MIN, REJECTED_MAX), len(people) // 2) if rejections else 0
    rejected = set(rng.sample(range(len(people)), count))
    kpjs = _kpjs(rng, len(people), taken)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ANSWER_HEADER)
    for index, (nik, name) in enumerate(people):
        if index in rejected:
            writer.writerow([nik, name, "", "DITOLAK", rng.choice(REJECTIONS)])
        else:
            writer.writerow([nik, name, kpjs[index], "DITERIMA", ""])
    return out.getvalue().encode("utf-8")


def _read(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _kpjs(rng: Random, count: int, taken: set[str] | frozenset[str]) -> list[str]:
    """``count`` distinct 11-digit KPJ numbers none of ``taken`` holds, rising as a branch issues them."""
    kpj, found = rng.randrange(10**10, 9 * 10**10), []
    while len(found) < count:
        kpj += rng.randint(1, 9)
        if str(kpj) not in taken:
            found.append(str(kpj))
    return found
