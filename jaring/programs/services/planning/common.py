"""What the planning services share: their refusal, the planner and freeze checks, the audit row, numbers."""

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.utils import translation

from jaring.accounts.scoping import can_plan, may_act
from jaring.audit.services import audit_record

from ...lifecycle import SelectionStatus
from ...models import Program, Selection
from ...rates import rupiah

#: A guard against a typed extra zero, not a regulation: no funding source of a regency comes near
#: Rp10.000.000.000.000 (ten trillion, more than the whole APBD of Indonesia's largest regency).
AMOUNT_CEILING = Decimal(10_000_000_000_000)
#: The same kind of typo guard for the declared income or wage of one person a month.
INCOME_CEILING = Decimal(100_000_000)
#: Priority weights are small whole numbers; the allocation adds them up into a score.
WEIGHT_MAX = 100
FROZEN = "Seleksi program ini sudah disetujui; anggaran dan kuota dibekukan."


class PlanningRefused(ValueError):
    """A plan the services refuse. ``errors`` maps an input (a key of ``data``, a priority weight such as
    ``priority_group_lansia``, a quota row ``village:35.03.01.2001``, or ``""`` for the whole) to its messages."""

    def __init__(self, errors: dict[str, list[str]] | str):
        self.errors = {"": [errors]} if isinstance(errors, str) else errors
        super().__init__(" ".join(message for messages in self.errors.values() for message in messages))


class Problems(defaultdict):
    """Messages gathered by input, raised together so the planner sees every problem at once."""

    def __init__(self):
        super().__init__(list)

    def add(self, key: str, message: str) -> None:
        self[key].append(message)

    def raise_any(self) -> None:
        if self:
            raise PlanningRefused(dict(self))


def require_planner(actor, program: Program) -> None:
    """Only a planner whose scope holds the program's regency; ``None`` is the system (command, demo)."""
    if not may_act(actor, program.regency_id, can_plan):
        raise PlanningRefused("Anda tidak berwenang mengubah rencana program ini.")


def lock_unfrozen(program: Program) -> Program:
    """The program row, locked until the transaction ends; refused once one of its selections is approved."""
    locked = Program.objects.select_for_update().get(pk=program.pk)
    if Selection.objects.filter(program=locked, status=SelectionStatus.APPROVED).exists():
        raise PlanningRefused(FROZEN)
    return locked


def audit(action: str, actor, *, object_type: str, object_id, program: Program, detail: dict) -> None:
    audit_record(
        actor=actor,
        action=f"programs.{action}",
        object_type=object_type,
        object_id=object_id,
        region_code=program.regency_id,
        detail={"program": program.code, **detail},
    )


def label_id(choices, value: str) -> str:
    """A choice's label in Bahasa Indonesia (messages are Indonesian whatever the page's language)."""
    with translation.override("id"):
        return str(choices(value).label)


def whole(value) -> int | None:
    """An int from an int or a string of digits; None for anything else (bools included)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return None


def decimal_or_none(value) -> Decimal | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def plain(value):
    """A value as the audit row's JSON keeps it."""
    return str(value) if isinstance(value, Decimal) else value


def amount_problem(amount: Decimal | None, what: str, ceiling: Decimal) -> str | None:
    if amount is None:
        return f"Tulis {what} dalam rupiah, misalnya 1.200.000.000."
    if amount < 0:
        return f"{what.capitalize()} tidak boleh negatif."
    if amount != amount.to_integral_value():
        return f"{what.capitalize()} harus dalam rupiah penuh, tanpa sen."
    if amount > ceiling:
        return (
            f"{what.capitalize()} {rupiah(amount)} tidak masuk akal (lebih dari {rupiah(ceiling)}); "
            "periksa jumlah angka nolnya."
        )
    return None
