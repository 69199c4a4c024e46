from django.urls import reverse

from ..conftest import PASSWORD


def test_home_counts_only_the_users_area(client, users, people):
    client.login(username="op.besuki", password=PASSWORD)
    counts = client.get(reverse("monitoring:home")).context["counts"]
    assert (counts.people, counts.villages) == (3, 1)
    client.login(username="verif", password=PASSWORD)
    counts = client.get(reverse("monitoring:home")).context["counts"]
    assert (counts.people, counts.districts, counts.villages, counts.kelurahan) == (6, 14, 157, 5)


def test_home_speaks_indonesian_by_default_and_english_on_request(client, users):
    client.login(username="verif", password=PASSWORD)
    assert "Orang" in client.get(reverse("monitoring:home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "People" in client.get(reverse("monitoring:home")).content.decode()


def test_login_page_is_in_indonesian(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Masuk" in page and "Kata sandi" in page


def test_an_english_browser_still_gets_indonesian_until_english_is_chosen(client, users):
    client.login(username="verif", password=PASSWORD)
    page = client.get(reverse("monitoring:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Beranda" in page and "Home" not in page
