"""The decree pages: the chain of a program's decrees, a decree's list, its documents, making it final, and
amending it. Thin by design: services write, selectors read within the user's scope."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.scoping import can_approve, can_see_people, sees_full_nik
from jaring.audit.services import audit_record
from jaring.people.selectors import display_nik
from jaring.programs.lifecycle import SelectionStatus
from jaring.programs.models import Program
from jaring.regions.models import Region

from . import selectors
from .documents.annex import annex_pdf, annex_xlsx
from .documents.docx import TemplateInvalid, render_decree_docx
from .forms import AmendmentForm, FinalizeForm
from .lifecycle import DecreeKind, DecreeStatus, RecipientChange
from .models import Decree, RecipientChangeChoices
from .services import DecreeRefused, Removal, amendment_draft, decree_discard, decree_draft, decree_finalize
from .services.common import may_draft
from .text import decree_text, settings_of

PAGE_SIZE = 50
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _program(request, code: str) -> Program:
    """A program of the user's regency; village and kecamatan officers see their people, not decrees."""
    user = request.user
    if not can_see_people(user) or (user.scope_code and len(user.scope_code) > 5):
        raise PermissionDenied(_("Only the regency's officers see its decrees."))
    program = Program.objects.filter(code=code).select_related("regency").first()
    if program is None or not selectors.contains_regency(user, program.regency_id):
        raise Http404(_("No such program in your regency."))
    return program


def _decree(request, code: str, pk: int) -> Decree:
    program = _program(request, code)
    decree = selectors.decrees_visible_to(request.user, program).filter(pk=pk).first()
    if decree is None:
        raise Http404(_("No such decree."))
    return decree


@login_required
def decree_home(request, code: str):
    program = _program(request, code)
    chain = list(selectors.decrees_visible_to(request.user, program).select_related("amends"))
    approved = program.selections.filter(status=SelectionStatus.APPROVED).exists()
    has_original = any(d.kind == DecreeKind.ORIGINAL and d.status != DecreeStatus.DISCARDED for d in chain)
    context = {
        "program": program,
        "chain": chain,
        "approved": approved,
        "may_draft": may_draft(request.user) and approved and not has_original,
        "active_nav": "programs",
    }
    return render(request, "decrees/decree_home.html", context)


@login_required
@require_POST
def decree_create(request, code: str):
    program = _program(request, code)
    try:
        decree = decree_draft(program=program, actor=request.user)
    except DecreeRefused as exc:
        messages.error(request, str(exc))
        return redirect("decrees:home", program.code)
    messages.success(request, _("Draft decree prepared. Download it, have it signed, then make it final."))
    return redirect("decrees:detail", program.code, decree.pk)


@login_required
def decree_detail(request, code: str, pk: int):
    decree = _decree(request, code, pk)
    user = request.user
    context = {
        "program": decree.program,
        "decree": decree,
        "text": decree_text(decree),
        "is_latest_final": decree.is_final and not decree.amendments.exclude(status=DecreeStatus.DISCARDED).exists(),
        "may_finalize": decree.status == DecreeStatus.DRAFT and can_approve(user),
        "may_discard": decree.status == DecreeStatus.DRAFT and may_draft(user),
        "may_amend": may_draft(user),
        "may_full_annex": selectors.can_read_annex(user, decree, public=False),
        "form": FinalizeForm(),
        "active_nav": "programs",
    }
    return render(request, "decrees/decree_detail.html", context | _rows(request, decree))


def _rows(request, decree: Decree) -> dict:
    change = request.GET.get("perubahan", "")
    change = change if change in RecipientChange.__members__.values() else ""
    village = request.GET.get("desa", "")
    rows = selectors.recipients_visible_to(request.user, decree).select_related("person", "village", "source")
    villages = Region.objects.filter(code__in=rows.values("village_id")).order_by("name")
    if change:
        rows = rows.filter(change=change)
    if village:
        rows = rows.filter(village_id=village)
    page = Paginator(rows.order_by("row"), PAGE_SIZE).get_page(request.GET.get("page"))
    full = sees_full_nik(request.user)
    return {
        "page": page,
        "rows": [(r, display_nik(r.person.nik, full=full)) for r in page],
        "changes": RecipientChangeChoices.choices,
        "change": change,
        "villages": villages,
        "village": village,
        "query": urlencode({"perubahan": change, "desa": village}),
    }


@login_required
@require_POST
def decree_finalize_view(request, code: str, pk: int):
    decree = _decree(request, code, pk)
    form = FinalizeForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("decrees:detail", code, decree.pk)
    try:
        decree_finalize(
            decree=decree,
            number=form.cleaned_data["number"],
            signed_on=form.cleaned_data["signed_on"],
            scan=form.cleaned_data["scan"],
            actor=request.user,
        )
    except DecreeRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The decree is final. Its recipients can now only change by an amendment."))
    return redirect("decrees:detail", code, decree.pk)


@login_required
@require_POST
def decree_discard_view(request, code: str, pk: int):
    decree = _decree(request, code, pk)
    try:
        decree_discard(decree=decree, actor=request.user)
    except DecreeRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Draft discarded."))
    return redirect("decrees:home", code)


@login_required
def decree_download(request, code: str, pk: int, fmt: str):
    decree = _decree(request, code, pk)
    public = request.GET.get("publik") == "1"
    if fmt not in FORMATS:
        raise Http404(_("Unknown format."))
    # The decree itself names no NIK; its annex does, in full unless public.
    if not selectors.can_read_annex(request.user, decree, public=public or fmt == "docx"):
        raise PermissionDenied(_("Only the verifier and the approving official download the annex with full NIKs."))
    try:
        content = render_document(decree, fmt, public=public)
    except TemplateInvalid as exc:  # the regency's own Word template is broken: say so, keep the page
        messages.error(request, str(exc))
        return redirect("decrees:detail", code, decree.pk)
    audit_record(
        actor=request.user,
        action="decree.downloaded",
        object_type="decree",
        object_id=decree.pk,
        region_code=decree.regency_code,
        detail={"format": fmt, "public": public},
        request=request,
    )
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name(decree, fmt, public)}"'
    return response


def render_document(decree: Decree, fmt: str, *, public: bool) -> bytes:
    """The decree as Word, or its annex as .xlsx or PDF (the public one with masked NIKs)."""
    text = decree_text(decree)
    if fmt == "docx":
        template = settings_of(decree.program.regency).template
        return render_decree_docx(text, template.read() if template else None)
    rows = selectors.annex_rows(decree, public=public)
    build = annex_xlsx if fmt == "xlsx" else annex_pdf
    return build(text, rows, public=public)


def file_name(decree: Decree, fmt: str, public: bool) -> str:
    kind = "sk" if fmt == "docx" else "lampiran-sk"
    suffix = "-publik" if public else ""
    state = "" if decree.is_final else "-draf"
    return f"{kind}-{decree.program.code}-{decree.pk}{state}{suffix}.{fmt}"


@login_required
def decree_scan(request, code: str, pk: int):
    decree = _decree(request, code, pk)
    if not decree.signed_scan:
        raise Http404(_("No signed scan."))
    audit_record(actor=request.user, action="decree.scan_opened", object_type="decree", object_id=decree.pk,
                 region_code=decree.regency_code, request=request)  # fmt: skip
    return FileResponse(decree.signed_scan.open("rb"), filename=decree.signed_scan.name.rsplit("/", 1)[-1])


@login_required
def amendment_new(request, code: str, pk: int):
    decree = _decree(request, code, pk)
    if not may_draft(request.user):
        raise PermissionDenied(_("Only the verifier or the approving official drafts an amendment."))
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        removals = _removals(request)
        try:
            amendment, found = amendment_draft(
                decree=decree,
                removals=removals,
                effective_from=form.cleaned_data["effective_from"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except DecreeRefused as exc:
            messages.error(request, str(exc))
        else:
            for replacement in found:
                level = messages.success if replacement.by else messages.warning
                level(request, replacement.reason)
            return redirect("decrees:detail", code, amendment.pk)
    return render(request, "decrees/amendment_form.html", _amendment_context(request, decree, form))


def _removals(request) -> list[Removal]:
    chosen = request.POST.getlist("remove")
    return [Removal(int(p), request.POST.get(f"reason_{p}", "")) for p in chosen if p.isdigit()]


def _amendment_context(request, decree: Decree, form) -> dict:
    search = request.GET.get("cari", "").strip()
    rows = selectors.recipients_visible_to(request.user, decree).exclude(change=RecipientChange.REMOVED)
    if search:
        rows = rows.filter(Q(person__full_name__icontains=search) | Q(village__name__icontains=search))
    page = Paginator(rows.select_related("person", "village").order_by("row"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    full = sees_full_nik(request.user)
    chosen = set(request.POST.getlist("remove"))
    return {
        "program": decree.program,
        "decree": decree,
        "form": form,
        "search": search,
        "page": page,
        "rows": [(r, display_nik(r.person.nik, full=full), str(r.person_id) in chosen) for r in page],
        "reasons": {k[7:]: v for k, v in request.POST.items() if k.startswith("reason_")},
        "query": urlencode({"cari": search}),
        "active_nav": "programs",
    }


def decree_url(decree: Decree) -> str:
    return reverse("decrees:detail", args=[decree.program.code, decree.pk])
