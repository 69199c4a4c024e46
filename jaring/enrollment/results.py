"""BPJS's answer to a registration file, row by row: who was accepted with which KPJ, who was rejected and why,
and what in the file cannot be applied. No Django here.

BPJS has no published results template either, so the columns are found by their headers, forgivingly, as
intake finds a village's columns (``jaring.intake.headers``): "No. KPJ", "NOMOR PESERTA", "Status Pendaftaran",
"Keterangan", "TMT Kepesertaan". Every check names the file's row and says what is wrong in Bahasa Indonesia;
the service applies a file only when no row has an error (DESIGN.md §5.4).
"""

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum

from jaring.intake.rules import clean_id_number

from .rules import membership_start

#: Labels of the fields a results file may hold, in the order the report shows them.
FIELD_LABELS: dict[str, str] = {
    "nik": "NIK",
    "full_name": "Nama",
    "kpj": "Nomor KPJ",
    "status": "Status (DITERIMA/DITOLAK)",
    "reason": "Keterangan/alasan",
    "start": "Tanggal mulai kepesertaan",
}

_NON_ALNUM = re.compile(r"[\W_]+")
# fmt: off
_EXACT: dict[str, frozenset[str]] = {
    "nik": frozenset({"nik", "noktp", "nonik", "nomornik", "nomorktp", "nikktp", "ktp", "nomorindukkependudukan",
                      "noidentitas", "nomoridentitas"}),
    "full_name": frozenset({"nama", "namalengkap", "namasesuaiktp", "namalengkapsesuaiktp", "namapeserta", "namatk",
                            "namatenagakerja", "namapekerja"}),
    "kpj": frozenset({"kpj", "nokpj", "nomorkpj", "nokartu", "nokartupeserta", "nomorkartupeserta", "nopeserta",
                      "nomorpeserta"}),
    "status": frozenset({"status", "statuspendaftaran", "statuskepesertaan", "hasil", "hasilpendaftaran",
                         "keputusan", "statusverifikasi", "statusproses"}),
    "reason": frozenset({"keterangan", "ket", "alasan", "alasanpenolakan", "catatan", "keteranganpenolakan",
                         "pesan", "keteranganbpjs"}),
    "start": frozenset({"tmt", "tglmulai", "tanggalmulai", "tmtkepesertaan", "tglkepesertaan", "tanggalkepesertaan",
                        "mulaikepesertaan", "tglefektif", "tanggalefektif"}),
}
#: Longer headers: any one word group, all of its words present, and none of the excluded words.
_WORDS: dict[str, tuple[tuple[frozenset[str], ...], frozenset[str]]] = {
    "nik": ((frozenset({"nik"}), frozenset({"ktp"}), frozenset({"identitas"})), frozenset({"nama", "kk", "keluarga"})),
    "full_name": ((frozenset({"nama"}),), frozenset({"desa", "kelurahan", "kecamatan", "kabupaten", "ibu", "ayah",
                                                     "kepala", "perusahaan", "wadah", "program", "sumber", "bank"})),
    "kpj": ((frozenset({"kpj"}), frozenset({"kartu", "peserta"}), frozenset({"nomor", "peserta"}),
             frozenset({"no", "peserta"})), frozenset({"nama"})),
    "status": ((frozenset({"status"}), frozenset({"hasil"})), frozenset({"kawin", "perkawinan", "hubungan"})),
    "reason": ((frozenset({"keterangan"}), frozenset({"alasan"}), frozenset({"catatan"})), frozenset()),
    "start": ((frozenset({"mulai"}), frozenset({"tmt"}), frozenset({"efektif"}),
               frozenset({"tanggal", "kepesertaan"}), frozenset({"tgl", "kepesertaan"})), frozenset({"lahir"})),
}
# fmt: on


def guess_columns(header: list[str]) -> dict[str, int]:
    """Field → column index for the headers we recognise, each field and column at most once (best score first,
    an earlier column winning a tie)."""
    scored = sorted((-score, index, name) for index, text in enumerate(header) for name, score in _scores(text))
    found: dict[str, int] = {}
    for _, index, name in scored:
        if name not in found and index not in found.values():
            found[name] = index
    return found


def _scores(text: str) -> list[tuple[str, int]]:
    words = _NON_ALNUM.sub(" ", (text or "").lower()).split()
    compact = "".join(words)
    exact = [(name, 100) for name, forms in _EXACT.items() if compact in forms]
    if exact or not words:
        return exact
    scores = []
    for name, (groups, excluded) in _WORDS.items():
        matched = max((len(g) for g in groups if g <= set(words)), default=0)
        if matched and not excluded & set(words):
            scores.append((name, 50 + 5 * matched - len(set(words) - set().union(*groups))))
    return scores


def missing_columns(columns: Mapping[str, int]) -> str | None:
    """Why a file cannot be read as BPJS's answer, or None: it needs the NIK and a status or KPJ column."""
    if "nik" not in columns:
        return "Kolom NIK tidak ditemukan. Berkas hasil BPJS harus memuat NIK, status (DITERIMA/DITOLAK) dan KPJ."
    if "status" not in columns and "kpj" not in columns:
        return "Kolom status (DITERIMA/DITOLAK) maupun kolom KPJ tidak ditemukan; tidak ada yang bisa diterapkan."
    return None


class Answer(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Outcome(StrEnum):
    """What applying the row does."""

    MEMBERSHIP = "membership"  # a new membership with the KPJ
    TO_VERIFIER = "to_verifier"  # back to the verifier's queue with BPJS's reason
    UNCHANGED = "unchanged"  # already recorded as the file says
    ERROR = "error"  # blocks the whole file


_REJECTING = frozenset({"tidak", "belum", "gagal", "ditolak", "tolak", "invalid", "rejected", "batal", "no", "n"})
_ACCEPTING = frozenset(
    {"diterima", "terima", "berhasil", "sukses", "aktif", "terdaftar", "ok", "valid", "accepted", "approved",
     "lolos", "sesuai", "ya", "y", "yes"}
)  # fmt: skip


def parse_answer(text: str) -> Answer | None:
    """DITERIMA, "Diterima/Aktif", "SUKSES" → accepted; DITOLAK, "Tidak valid", "GAGAL" → rejected; else None."""
    words = _NON_ALNUM.sub(" ", (text or "").lower()).split()
    if not words:
        return None
    if words[0] in _REJECTING:
        return Answer.REJECTED
    return Answer.ACCEPTED if words[0] in _ACCEPTING else None


_KPJ_NOISE = re.compile(r"[\s.\-/']+")
KPJ_LENGTH = 11


def clean_kpj(text: str) -> str | None:
    """The 11 digits of a KPJ (spaces, dots and dashes dropped), "" when empty, None when not 11 digits."""
    compact = _KPJ_NOISE.sub("", text or "")
    if not compact:
        return ""
    return compact if compact.isdigit() and len(compact) == KPJ_LENGTH else None


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?")
_DMY = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})")


def parse_day(text: str) -> date | None:
    """A date as a spreadsheet gives it (2026-01-01) or as Indonesians write it (01-01-2026, 1/1/2026).

    Raises ValueError when the text is not empty and not such a date."""
    text = (text or "").strip()
    if not text:
        return None
    if match := _ISO.fullmatch(text):
        year, month, day = map(int, match.groups())
    elif match := _DMY.fullmatch(text):
        day, month, year = map(int, match.groups())
    else:
        raise ValueError(text)
    return date(year, month, day)


# fmt: off
MESSAGES: dict[str, tuple[str, str]] = {
    "nik_unknown": ("error", "NIK {nik} bukan penerima program ini menurut SK terakhir."),
    "nik_twice": ("error", "NIK {nik} juga ada di baris {rows}."),
    "kpj_missing": ("error", "KPJ wajib diisi untuk peserta yang diterima."),
    "kpj_format": ("error", "KPJ harus 11 digit angka; tertulis '{typed}'."),
    "kpj_twice": ("error", "KPJ {kpj} juga ada di baris {rows}."),
    "kpj_taken": ("error", "KPJ {kpj} sudah tercatat di Jaring untuk orang lain."),
    "kpj_differs": ("error", "{name} sudah terdaftar dengan KPJ {old}; berkas ini menyebut KPJ {kpj}."),
    "status_missing": ("error", "Status kosong; tulis DITERIMA atau DITOLAK."),
    "status_unknown": ("error", "Status '{typed}' tidak dikenal; tulis DITERIMA atau DITOLAK."),
    "start_unreadable": ("error", "Tanggal mulai '{typed}' tidak bisa dibaca; tulis seperti 01-01-2026."),
    "rejected_member": ("error", "{name} sudah terdaftar dengan KPJ {old}; penolakan tidak bisa diterapkan lewat "
                        "berkas hasil."),
    "status_from_kpj": ("warning", "Status kosong; dianggap DITERIMA karena KPJ terisi."),
    "name_differs": ("warning", "Nama di berkas ({theirs}) berbeda dengan nama di Jaring ({ours})."),
    "reason_missing": ("warning", "Alasan penolakan kosong; verifikator hanya melihat bahwa BPJS menolak."),
    "was_rejected": ("warning", "Sebelumnya ditolak BPJS dan masih menunggu verifikator; kini diterima."),
    "already_member": ("info", "Sudah tercatat dengan KPJ {kpj}; baris ini tidak mengubah apa pun."),
}
# fmt: on


def _message(code: str, **values: object) -> dict[str, str]:
    severity, template = MESSAGES[code]
    return {"code": code, "severity": severity, "text": template.format(**values)}


@dataclass(frozen=True, slots=True)
class Recipient:
    """A current recipient of the program (a row of its latest final decree), as the file's NIK finds it."""

    person_id: int
    recipient_id: int
    name: str
    source_id: int


@dataclass(frozen=True)
class Context:
    """What the rows are checked against; the service reads it from the database."""

    recipients: Mapping[str, Recipient]  # NIK → recipient
    member_kpj: Mapping[int, str]  # person id → KPJ of the person's membership in this program
    kpj_owners: Mapping[str, int]  # KPJ → person id holding it anywhere in Jaring (memberships, known coverage)
    agreements: Mapping[int, date | None]  # funding source id → start date of the PKS it follows (None: no PKS)
    first_day: date  # the first day of the program's first month
    awaiting: frozenset[int] = frozenset()  # person ids BPJS rejected before, awaiting the verifier
    added_from: Mapping[int, date] = field(default_factory=dict)  # person id → month an SK perubahan added them


@dataclass(frozen=True, slots=True)
class RowIn:
    """One data row of the file, as text, with its row number in the file."""

    row: int
    nik: str = ""
    name: str = ""
    kpj: str = ""
    status: str = ""
    reason: str = ""
    start: str = ""
    nik_long_number: bool = False  # the NIK cell held a number of 16+ digits (Excel may have changed it)
    nik_inexact: bool = False


@dataclass
class RowReport:
    row: int
    nik: str
    name: str
    kpj: str = ""
    answer: str = ""
    outcome: str = Outcome.ERROR
    reason: str = ""
    start: str = ""  # ISO date of an accepted row's membership start
    start_basis: str = ""
    person_id: int | None = None
    recipient_id: int | None = None
    messages: list[dict[str, str]] = field(default_factory=list)

    @property
    def has_error(self) -> bool:
        return any(m["severity"] == "error" for m in self.messages)

    def as_dict(self) -> dict:
        return asdict(self)


def check_rows(rows: list[RowIn], ctx: Context) -> list[RowReport]:
    """Every row checked on its own, then against the others (a NIK or a KPJ twice in the file)."""
    reports = [_check(row, ctx) for row in rows]
    _mark_repeats(reports, lambda r: r.nik, "nik_twice", "nik")
    _mark_repeats([r for r in reports if r.answer == Answer.ACCEPTED], lambda r: r.kpj, "kpj_twice", "kpj")
    for report in reports:
        if report.has_error:
            report.outcome = Outcome.ERROR
    return reports


def _mark_repeats(reports: list[RowReport], key, code: str, name: str) -> None:
    rows: dict[str, list[int]] = defaultdict(list)
    for report in reports:
        if key(report):
            rows[key(report)].append(report.row)
    for report in reports:
        others = [str(n) for n in rows.get(key(report), ()) if n != report.row]
        if others:
            report.messages.append(_message(code, rows=", ".join(others), **{name: key(report)}))


def _check(row: RowIn, ctx: Context) -> RowReport:
    nik, issues = clean_id_number(row.nik, "nik", inexact=row.nik_inexact, long_number=row.nik_long_number)
    report = RowReport(row=row.row, nik=nik or row.nik.strip(), name=" ".join(row.name.split()))
    report.messages += [{"code": i.code, "severity": i.severity, "text": i.message} for i in issues]
    report.reason = " ".join(row.reason.split())
    _answer(report, row)
    recipient = ctx.recipients.get(nik) if nik else None
    if nik and recipient is None:
        report.messages.append(_message("nik_unknown", nik=nik))
    if recipient is not None:
        report.person_id, report.recipient_id = recipient.person_id, recipient.recipient_id
        if report.name and _name_key(report.name) != _name_key(recipient.name):
            report.messages.append(_message("name_differs", theirs=report.name, ours=recipient.name))
    if report.answer == Answer.ACCEPTED:
        _accepted(report, row, recipient, ctx)
    elif report.answer == Answer.REJECTED:
        _rejected(report, recipient, ctx)
    return report


def _answer(report: RowReport, row: RowIn) -> None:
    answer = parse_answer(row.status)
    if answer is None and row.status.strip():
        report.messages.append(_message("status_unknown", typed=row.status.strip()))
    elif answer is None and row.kpj.strip():
        answer = Answer.ACCEPTED
        report.messages.append(_message("status_from_kpj"))
    elif answer is None:
        report.messages.append(_message("status_missing"))
    report.answer = answer or ""


def _accepted(report: RowReport, row: RowIn, recipient: Recipient | None, ctx: Context) -> None:
    kpj = clean_kpj(row.kpj)
    if kpj is None:
        report.messages.append(_message("kpj_format", typed=row.kpj.strip()))
    elif not kpj:
        report.messages.append(_message("kpj_missing"))
    report.kpj = kpj or row.kpj.strip()
    try:
        from_file = parse_day(row.start)
    except ValueError:
        report.messages.append(_message("start_unreadable", typed=row.start.strip()))
        from_file = None
    if recipient is None or not kpj:
        return
    owner = ctx.kpj_owners.get(kpj)
    if owner is not None and owner != recipient.person_id:
        report.messages.append(_message("kpj_taken", kpj=kpj))
    old = ctx.member_kpj.get(recipient.person_id)
    if old is not None and old != kpj:
        report.messages.append(_message("kpj_differs", name=recipient.name, old=old or "-", kpj=kpj))
    elif old is not None:
        report.outcome = Outcome.UNCHANGED
        report.messages.append(_message("already_member", kpj=kpj))
        return
    if recipient.person_id in ctx.awaiting:
        report.messages.append(_message("was_rejected"))
    agreement = ctx.agreements.get(recipient.source_id)
    start, basis = membership_start(
        from_file=from_file, agreement=agreement, first_day=ctx.first_day,
        added_from=ctx.added_from.get(recipient.person_id),
    )  # fmt: skip
    report.start, report.start_basis, report.outcome = start.isoformat(), basis, Outcome.MEMBERSHIP


def _rejected(report: RowReport, recipient: Recipient | None, ctx: Context) -> None:
    report.kpj = ""
    if not report.reason:
        report.messages.append(_message("reason_missing"))
    if recipient is None:
        return
    old = ctx.member_kpj.get(recipient.person_id)
    if old is not None:
        report.messages.append(_message("rejected_member", name=recipient.name, old=old or "-"))
        return
    report.outcome = Outcome.TO_VERIFIER


def _name_key(name: str) -> str:
    return "".join(ch for ch in name.upper() if ch.isalpha())


def counts(reports: list[RowReport]) -> dict[str, int]:
    """Rows by outcome (every outcome present), and rows with a warning."""
    found = {outcome.value: 0 for outcome in Outcome}
    for report in reports:
        found[report.outcome] += 1
    found["warnings"] = sum(1 for r in reports if any(m["severity"] == "warning" for m in r.messages))
    found["rows"] = len(reports)
    return found
