"""The billing admin: a regency's billing settings are edited there (and audited); invoices and payments are
shown, never changed, since only the billing run and the payment service may write them."""

from jaring.audit.models import AuditEvent
from jaring.billing.models import BillingSettings, Invoice
from jaring.billing.services import invoices_issue

from .conftest import JANUARY, signed_in


def test_billing_settings_are_edited_in_the_admin_with_an_audit_row(client, users):
    signed_in(client, users["admin"])
    response = client.post("/admin/billing/billingsettings/add/", {"regency": "35.03", "due_day": 10, "lapse_after": 3})
    assert response.status_code == 302
    assert BillingSettings.objects.get(regency_id="35.03").due_day == 10
    assert AuditEvent.objects.filter(action="billing.billingsettings_added").exists()


def test_invoices_are_read_only_in_the_admin(client, users, program, memberships):
    invoice = invoices_issue(program=program, month=JANUARY, actor=None).bills[0].invoice
    signed_in(client, users["admin"])
    assert client.get("/admin/billing/invoice/").status_code == 200
    assert client.get("/admin/billing/invoice/add/").status_code == 403
    client.post(f"/admin/billing/invoice/{invoice.pk}/change/", {"paid": invoice.total, "status": "paid"})
    assert Invoice.objects.get(pk=invoice.pk).paid == 0
    assert client.post(f"/admin/billing/invoice/{invoice.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Invoice.objects.filter(pk=invoice.pk).exists()
