"""A person's data is seen only by roles that need it, inside their region, through every path."""

import csv
import io

import pytest
from django.urls import reverse

from jaring.audit.models import AuditEvent

from ..conftest import PASSWORD


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def listed_names(response) -> set[str]:
    return {p.full_name for p, _nik in response.context["rows"]}


def test_village_operator_sees_only_her_village_in_the_list(client, users, people):
    login(client, users["operator_besuki"])
    response = client.get(reverse("people:list"))
    assert listed_names(response) == {"SUTRISNO", "SRI WAHYUNI", "SLAMET RIYADI"}


def test_village_operator_cannot_open_another_villages_person_by_id(client, users, people):
    login(client, users["operator_besuki"])
    assert client.get(reverse("people:detail", args=[people["agus"].pk])).status_code == 404
    assert client.get(reverse("people:detail", args=[people["tumini"].pk])).status_code == 404
    assert client.get(reverse("people:detail", args=[people["sri"].pk])).status_code == 200


def test_village_operator_search_does_not_reach_other_villages(client, users, people):
    login(client, users["operator_besuki"])
    by_name = client.get(reverse("people:list"), {"q": "siti"})
    by_nik = client.get(reverse("people:list"), {"q": people["siti"].nik})
    assert listed_names(by_name) == set() and listed_names(by_nik) == set()


def test_village_operator_cannot_widen_scope_with_a_region_filter(client, users, people):
    login(client, users["operator_besuki"])
    response = client.get(reverse("people:list"), {"kecamatan": "35.03.11", "desa": "35.03.11.2001"})
    assert "AGUS PRASETYO" not in listed_names(response)


def test_village_operator_export_holds_only_her_village(client, users, people):
    login(client, users["operator_besuki"])
    response = client.get(reverse("people:export"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    names = {row["Nama"] for row in csv.DictReader(io.StringIO(body))}
    assert names == {"SUTRISNO", "SRI WAHYUNI", "SLAMET RIYADI"}


def test_village_operator_api_list_and_detail_are_scoped(client, users, people):
    login(client, users["operator_besuki"])
    listing = client.get("/api/people/").json()
    assert {p["full_name"] for p in listing["items"]} == {"SUTRISNO", "SRI WAHYUNI", "SLAMET RIYADI"}
    assert listing["count"] == 3
    assert client.get(f"/api/people/{people['agus'].pk}").status_code == 404
    assert client.get(f"/api/people/?q={people['agus'].nik}").json()["count"] == 0


def test_verifier_sees_the_whole_regency_with_full_nik(client, users, people):
    login(client, users["verifikator"])
    response = client.get(reverse("people:list"))
    assert len(listed_names(response)) == 6
    assert {nik for _p, nik in response.context["rows"]} == {p.nik for p in people.values()}


@pytest.mark.parametrize("role", ["perencana", "pejabat"])
def test_planner_and_official_see_masked_niks_everywhere(client, users, people, role):
    login(client, users[role])
    person = people["sutrisno"]
    masked = person.nik[:4] + "********" + person.nik[-4:]
    listing = client.get(reverse("people:list"))
    assert {nik for _p, nik in listing.context["rows"]} >= {masked}
    assert person.nik not in listing.content.decode()
    detail = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert masked in detail and person.nik not in detail
    export = b"".join(client.get(reverse("people:export")).streaming_content).decode("utf-8-sig")
    assert masked in export and person.nik not in export
    assert client.get(f"/api/people/{person.pk}").json()["nik"] == masked


@pytest.mark.parametrize("role", ["pemantau", "admin"])
def test_monitor_and_admin_get_no_personal_data(client, users, people, role):
    login(client, users[role])
    assert client.get(reverse("people:list")).status_code == 403
    assert client.get(reverse("people:detail", args=[people["sri"].pk])).status_code == 403
    assert client.get(reverse("people:export")).status_code == 403
    assert client.get("/api/people/").status_code == 403


def test_anonymous_visitor_is_sent_to_login_and_api_refuses(client, people):
    response = client.get(reverse("people:list"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert client.get("/api/people/").status_code == 401


def test_filters_by_kecamatan_desa_group_and_occupation(client, users, people):
    login(client, users["verifikator"])
    url = reverse("people:list")
    assert len(listed_names(client.get(url, {"kecamatan": "35.03.01"}))) == 4
    assert listed_names(client.get(url, {"kecamatan": "35.03.01", "desa": "35.03.01.2002"})) == {"TUMINI"}
    assert listed_names(client.get(url, {"group": "lansia"})) == {"SLAMET RIYADI"}
    assert listed_names(client.get(url, {"occupation": "nelayan"})) == {"SITI AMINAH"}
    assert listed_names(client.get(url, {"q": people["agus"].nik[:12]})) == {"AGUS PRASETYO"}


def test_viewing_and_exporting_people_is_audited(client, users, people):
    login(client, users["verifikator"])
    client.get(reverse("people:detail", args=[people["sri"].pk]))
    b"".join(client.get(reverse("people:export")).streaming_content)
    actions = list(AuditEvent.objects.filter(actor=users["verifikator"]).values_list("action", "object_id"))
    assert ("people.view", str(people["sri"].pk)) in actions
    assert any(action == "people.export" for action, _ in actions)


def test_django_admin_is_for_the_admin_role_only(client, users):
    login(client, users["verifikator"])
    assert client.get("/admin/").status_code == 302
    users["verifikator"].is_staff = True
    users["verifikator"].save()
    assert client.get("/admin/").status_code == 302
    client.logout()
    login(client, users["admin"])
    assert client.get("/admin/accounts/user/").status_code == 200


def test_role_must_be_bound_at_its_level(trenggalek):
    from django.core.exceptions import ValidationError

    from jaring.accounts.models import User

    with pytest.raises(ValidationError, match="desa/kelurahan"):
        User(username="x", role="operator_desa", region_id="35.03").full_clean()
