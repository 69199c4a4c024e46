"""The admin edits a regency's coverage target with an audit row; denominators are corrected, never added there."""

from jaring.audit.models import AuditEvent
from jaring.monitoring.models import CoverageTarget

from ..billing.conftest import signed_in


def test_the_admin_sets_a_target_with_an_audit_row_and_cannot_add_denominators(client, users):
    signed_in(client, users["admin"])
    response = client.post("/admin/monitoring/coveragetarget/add/",
                           {"regency": "35.03", "target_percent": "80", "basis": "workers", "note": ""})  # fmt: skip
    assert response.status_code == 302
    target = CoverageTarget.objects.get()
    assert (str(target.target_percent), target.updated_by) == ("80.0", users["admin"])
    assert AuditEvent.objects.filter(action="monitoring.coveragetarget_added").exists()
    assert client.get("/admin/monitoring/workforcedenominator/add/").status_code == 403
