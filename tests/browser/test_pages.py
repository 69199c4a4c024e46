"""Each page a role depends on, in a real browser, from login to the result it exists for."""

import csv
import io
import os
import re

import pytest
from playwright.sync_api import expect

from ..conftest import BESUKI, NGARES, TERBIS

pytestmark = pytest.mark.browser

#: The few Indonesian texts these tests rely on (msgid → text, or a fragment of it, in Bahasa Indonesia).
ID = {
    "Home": "Beranda",
    "People": "Orang",
    "Wrong username or password. Note that both are case-sensitive.": "salah",
}
#: English texts, shown after switching the language in the top bar (the msgids themselves).
EN = {"Home": "Home", "People": "People", "People registry": "People registry"}

MASKED_NIK = re.compile(r"^3503\*{8}\d{4}$")
PANGGUL = BESUKI[:8]
#: Records every URL htmx puts in the address bar and counts finished htmx requests.
RECORD_HISTORY = """
window.__pushes = [];
window.__settled = 0;
const pushState = history.pushState.bind(history);
history.pushState = (state, title, url) => { window.__pushes.push(String(url)); return pushState(state, title, url); };
document.addEventListener("htmx:afterSettle", () => { window.__settled += 1; });
"""


def expect_count(page, n: int, why: str | None = None) -> None:
    """The people list says it found ``n`` people (the figure leads the sentence in every language)."""
    expect(page.get_by_test_id("result-count"), why).to_have_text(re.compile(rf"^\s*{n}\s"))


def nav_link(page, path: str):
    return page.locator(f'header nav a[href="{path}"]')


def settled(page):
    """The page once its document has loaded: ``expect(page).to_have_url`` passes as soon as a navigation
    commits, and reads that do not wait by themselves (inner texts, lists) must not see a half-parsed page."""
    page.wait_for_load_state()
    return page


def body_text(page) -> str:
    return settled(page).locator("body").inner_text()


def list_niks(page) -> list[str]:
    settled(page)
    return page.locator("#results tbody td:first-child code").all_inner_texts()


def list_names(page) -> list[str]:
    settled(page)
    return page.locator("#results tbody td:nth-child(2) a").all_inner_texts()


def download_csv(page) -> list[list[str]]:
    with page.expect_download() as info:
        page.locator('#results a[href*="ekspor.csv"]').click()
    download = info.value
    assert download.suggested_filename.startswith("jaring-orang-")
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), "rb") as fh:
        raw = fh.read()
    assert raw.startswith(b"\xef\xbb\xbf"), "the CSV starts with a BOM so that Excel reads UTF-8"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def screenshot(page, name: str) -> None:
    """Save a full-page screenshot when JARING_SCREENSHOT_DIR is set (for a human to look at)."""
    folder = os.environ.get("JARING_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, name), full_page=True)


def test_village_operator_finds_a_resident_of_her_village(page, live_server, login, users, people):
    login(page, live_server, "op.besuki")

    # Home: the figures of her village only.
    expect(page.locator("h1")).to_have_text("Besuki", ignore_case=True)
    expect(page.get_by_test_id("count-people")).to_have_text("3")
    expect(page.get_by_test_id("count-villages")).to_have_text("1")

    # "Orang" in the menu opens the people list: her three residents, full NIKs, nobody from elsewhere.
    people_link = nav_link(page, "/orang/")
    expect(people_link).to_have_text(ID["People"])
    people_link.click()
    expect(page).to_have_url(live_server.url + "/orang/")
    expect_count(page, 3)
    assert sorted(list_names(page)) == ["SLAMET RIYADI", "SRI WAHYUNI", "SUTRISNO"]
    assert sorted(list_niks(page)) == sorted(people[k].nik for k in ("sutrisno", "sri", "slamet"))
    body = body_text(page)
    for outsider in ("tumini", "agus", "siti"):
        assert people[outsider].full_name not in body
        assert people[outsider].nik not in body
        assert people[outsider].nik[-4:] not in " ".join(list_niks(page))

    # Typing a name filters the list through htmx, without Enter and without reloading the page.
    page.evaluate("window.__sameDocument = true")
    page.locator("#id_q").press_sequentially("wahyu", delay=30)
    expect_count(page, 1)
    assert list_names(page) == ["SRI WAHYUNI"]
    assert page.evaluate("window.__sameDocument === true"), "the list was updated in place, not reloaded"

    # The detail page shows the full NIK.
    page.locator("#results").get_by_role("link", name="SRI WAHYUNI").click()
    expect(page).to_have_url(f"{live_server.url}/orang/{people['sri'].pk}/")
    expect(page.locator("h1")).to_have_text("SRI WAHYUNI")
    expect(page.get_by_test_id("nik")).to_have_text(people["sri"].nik)


def test_verifier_narrows_the_list_and_downloads_it(page, live_server, login, users, people):
    login(page, live_server, "verif")
    nav_link(page, "/orang/").click()
    expect_count(page, 6)
    screenshot(page, "people_list.png")

    # A kecamatan: the list shrinks to Panggul and the desa drop-down fills with Panggul's villages.
    page.select_option("#id_kecamatan", PANGGUL)
    expect_count(page, 4)
    desa = page.locator("#id_desa")
    expect(desa.locator(f'option[value="{BESUKI}"]')).to_have_count(1)
    expect(desa.locator(f'option[value="{TERBIS}"]')).to_have_count(1)
    expect(desa.locator(f'option[value^="{NGARES[:8]}."]')).to_have_count(0)
    assert sorted(list_names(page)) == ["SLAMET RIYADI", "SRI WAHYUNI", "SUTRISNO", "TUMINI"]

    # A desa.
    desa.select_option(BESUKI)
    expect_count(page, 3, "choosing a desa (in the drop-down htmx has just swapped in) updates the list")
    assert "TUMINI" not in list_names(page)

    # A vulnerability group.
    page.select_option("#id_group", "orang_tua_tunggal")
    expect_count(page, 1)
    assert list_names(page) == ["SRI WAHYUNI"]
    # The address bar keeps the filter (hx-push-url), so a reload or a shared link shows the same list.
    assert re.search(r"/orang/\?", page.url), page.url
    assert f"desa={BESUKI}" in page.url and "group=orang_tua_tunggal" in page.url, page.url

    # The CSV holds the filtered rows, with the full NIK this role may see.
    rows = download_csv(page)
    assert rows[0][:2] == ["NIK", "Nama"]
    assert [(r[0], r[1], r[4]) for r in rows[1:]] == [(people["sri"].nik, "SRI WAHYUNI", BESUKI)]


def test_filters_keep_the_list_in_the_address_bar(page, live_server, login, users, people):
    """Choosing a kecamatan sends two htmx requests (results, desa options); only the list's URL may be pushed."""
    page.add_init_script(RECORD_HISTORY)
    login(page, live_server, "verif")
    page.goto(live_server.url + "/orang/")
    page.select_option("#id_kecamatan", PANGGUL)
    expect_count(page, 4)
    expect(page.locator(f'#id_desa option[value="{BESUKI}"]')).to_have_count(1)
    page.wait_for_function("window.__settled >= 2")
    pushes = [url.removeprefix(live_server.url) for url in page.evaluate("window.__pushes")]
    assert pushes and all(url.startswith("/orang/?") for url in pushes), pushes

    # So a reload shows the same filtered list.
    page.reload()
    expect(page.locator("#id_kecamatan")).to_have_value(PANGGUL)
    expect_count(page, 4)


@pytest.mark.parametrize("username", ["rencana", "pejabat"])
def test_planner_and_official_see_masked_niks_only(page, live_server, login, users, people, username):
    login(page, live_server, username)
    nav_link(page, "/orang/").click()
    expect_count(page, 6)
    niks = list_niks(page)
    assert len(niks) == 6
    assert all(MASKED_NIK.match(n) for n in niks), niks
    body = body_text(page)
    assert not any(p.nik in body for p in people.values())

    page.locator("#results").get_by_role("link", name="SUTRISNO").click()
    expect(page.locator("h1")).to_have_text("SUTRISNO")
    expect(page.get_by_test_id("nik")).to_have_text(MASKED_NIK)
    body = body_text(page)
    assert people["sutrisno"].nik not in body
    assert people["sutrisno"].kk_number not in body

    # The CSV export is masked the same way.
    page.goto(live_server.url + "/orang/")
    rows = download_csv(page)
    assert len(rows) == 7
    assert all(MASKED_NIK.match(r[0]) for r in rows[1:]), rows


def test_monitor_sees_province_figures_and_no_personal_data(page, live_server, login, users, people):
    login(page, live_server, "pantau")
    expect(page.locator("h1")).to_have_text(users["pemantau"].region.name)
    expect(page.get_by_test_id("count-regencies")).to_have_text("1")
    expect(page.get_by_test_id("count-districts")).to_have_text("14")
    expect(page.get_by_test_id("count-villages")).to_have_text("157")
    expect(page.get_by_test_id("count-people")).to_have_text("6")
    expect(nav_link(page, "/orang/")).to_have_count(0)

    for path in ("/orang/", f"/orang/{people['sri'].pk}/", "/orang/ekspor.csv"):
        response = (
            page.request.get(live_server.url + path) if path.endswith(".csv") else page.goto(live_server.url + path)
        )
        assert response.status == 403, path
        text = response.text()
        assert not any(p.full_name in text or p.nik in text for p in people.values()), path


def test_admin_manages_users_and_a_verifier_is_kept_out(page, live_server, login, users):
    login(page, live_server, "admin")
    nav_link(page, "/admin/").click()
    expect(page).to_have_url(live_server.url + "/admin/")
    page.locator('a[href="/admin/accounts/user/"]').first.click()
    expect(page).to_have_url(live_server.url + "/admin/accounts/user/")
    settled(page)
    listed = page.locator("#result_list tbody th a, #result_list tbody td a").all_inner_texts()
    assert {u.username for u in users.values()} <= set(listed), listed

    # Another user, another session: a verifikator is staff of nothing and gets the admin's login page.
    page.context.clear_cookies()
    login(page, live_server, "verif")
    expect(nav_link(page, "/admin/")).to_have_count(0)
    for path in ("/admin/", "/admin/accounts/user/"):
        page.goto(live_server.url + path)
        expect(page).to_have_url(re.compile(r"/admin/login/\?next="))
        expect(page.locator(".errornote")).to_contain_text("verif")
        expect(page.locator("#result_list")).to_have_count(0)


def test_language_switch_to_english_and_back(page, live_server, login, users):
    login(page, live_server, "verif")
    nav_link(page, "/orang/").click()
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "id")
    expect(nav_link(page, "/")).to_have_text(ID["Home"])
    expect(nav_link(page, "/orang/")).to_have_text(ID["People"])
    expect(page.locator("h1")).not_to_have_text(EN["People registry"])

    page.select_option("#lang-select", "en")
    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(live_server.url + "/orang/")
    expect(page.locator("h1")).to_have_text(EN["People registry"])
    expect(nav_link(page, "/")).to_have_text(EN["Home"])
    expect(nav_link(page, "/orang/")).to_have_text(EN["People"])

    page.select_option("#lang-select", "id")
    expect(html).to_have_attribute("lang", "id")
    expect(page).to_have_url(live_server.url + "/orang/")
    expect(nav_link(page, "/orang/")).to_have_text(ID["People"])


def test_wrong_password_stays_on_the_login_page(page, live_server, login, users):
    page.goto(live_server.url + "/akun/masuk/")
    page.fill("#id_username", "op.besuki")
    page.fill("#id_password", "bukan-sandinya")
    page.click("form button[type=submit].primary")
    error = page.get_by_role("alert")
    expect(error).to_contain_text(ID["Wrong username or password. Note that both are case-sensitive."])
    expect(error).not_to_contain_text("Wrong username")
    expect(page).to_have_url(live_server.url + "/akun/masuk/")
    expect(page.locator("#id_password")).to_have_value("")
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/akun/masuk/\?next=/$"))


def test_logout_returns_to_login_and_closes_the_people_list(page, live_server, login, users):
    login(page, live_server, "op.besuki")
    page.locator('header form[action="/akun/keluar/"] button').click()
    expect(page).to_have_url(live_server.url + "/akun/masuk/")
    expect(page.locator("#id_username")).to_be_visible()
    page.goto(live_server.url + "/orang/")
    expect(page).to_have_url(live_server.url + "/akun/masuk/?next=/orang/")


def test_pages_load_their_stylesheet_and_scripts(page, live_server, login, users, people):
    """Every page the roles use gets its CSS and htmx; an unstyled page is a broken page."""
    failed = []

    def check_static(response):
        if "/static/" in response.url and response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    page.on("response", check_static)

    def assert_styled(where: str) -> None:
        assert failed == [], failed
        brand = page.evaluate("getComputedStyle(document.querySelector('header.topbar')).backgroundColor")
        assert brand == "rgb(11, 110, 79)", f"{where}: the top bar is not styled ({brand})"
        assert page.evaluate("typeof window.htmx") == "object", f"{where}: htmx is not loaded"

    page.goto(live_server.url + "/akun/masuk/")
    assert_styled("/akun/masuk/")
    login(page, live_server, "verif")
    for path in ("/", "/orang/", f"/orang/{people['sri'].pk}/"):
        page.goto(live_server.url + path)
        assert_styled(path)
