from datetime import date
from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import date_format, number_format

from ..privacy import mark

register = template.Library()


@register.filter
def cell(value, withheld: bool = True):
    """A dashboard table cell: a withheld count as "x" (an empty cell elsewhere as "—"), months as "Jan 2026",
    numbers grouped."""
    if value is None:
        return mark() if withheld else "—"
    if isinstance(value, date):
        return date_format(value, "M Y")
    if isinstance(value, Decimal) and value != value.to_integral():
        return number_format(value, 1)
    if isinstance(value, int | Decimal):
        return intcomma(value)
    return value
