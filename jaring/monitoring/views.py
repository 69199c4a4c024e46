from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from jaring.people.models import Occupation

from .selectors import scope_counts


@login_required
def home(request):
    counts = scope_counts(request.user)
    labels = dict(Occupation.choices)
    occupations = [(labels.get(code, code), n) for code, n in counts.by_occupation]
    return render(request, "monitoring/home.html", {"counts": counts, "occupations": occupations, "active_nav": "home"})
