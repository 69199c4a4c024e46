"""``{{ amount|rupiah }}`` → "Rp2.016.000.000", the way the decree and the budget documents write it."""

from django import template

from ..rates import rupiah as _rupiah

register = template.Library()


@register.filter
def rupiah(amount) -> str:
    if amount is None or amount == "":
        return ""
    return _rupiah(amount)


@register.filter
def thousands(count) -> str:
    """``7142`` → "7.142", as Indonesian writes counts."""
    if count is None or count == "":
        return ""
    return f"{int(count):,}".replace(",", ".")
