"""What can go wrong when costing a package; every message is Bahasa Indonesia and says what to do. No Django."""


class CostError(ValueError):
    """Base of the costing errors: a message for the person at the screen, never a half-computed figure."""


class RateMissing(CostError):
    """No rate row covers a month of the period (e.g. a program that runs past the last JP ceiling known)."""


class RateConflict(CostError):
    """Two rate rows start on the same day and both cover a month: the table must say which one holds."""


class IncomeOutOfRange(CostError):
    """A declared income outside the range a rate accepts (BPU: Rp1,000,000–20,700,000, PP 44/2015)."""


class PackageInvalid(CostError):
    """A package that cannot exist: no JKK or JKM, JP for a non-wage earner, an income that is not whole rupiah."""


class PeriodInvalid(CostError):
    """A period outside what a program can be: 1 to 12 months, starting in month 1 to 12."""


class BudgetInvalid(CostError):
    """A budget that is negative, not a whole rupiah amount, or so large it must be a typing mistake."""
