"""Real-browser tests: Playwright for Python driving Debian's ``chromium`` against pytest-django's live server.

Playwright's own browser download is not used (and does not work offline); CI installs Debian's package
with apt-get. Without it the tests skip locally but fail under CI, so CI cannot pass by skipping them.
"""

import os
import shutil

import pytest

from ..conftest import PASSWORD

# Playwright's sync API runs an asyncio event loop in the test thread; Django's ORM would then refuse to
# run (SynchronousOnlyOperation) in fixtures and in the live server's shared SQLite connection.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
#: Milliseconds; the pages are tiny, so anything slower is a failure, not a slow machine.
TIMEOUT_MS = 10_000


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path:
        return path
    reason = "Debian's chromium is not installed (apt-get install chromium); browser tests need it."
    if os.environ.get("CI"):
        pytest.fail(reason + " CI must run them, not skip them.", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev extra installs it
        if os.environ.get("CI"):
            pytest.fail("The playwright package is missing; install the project with its dev extra.")
        pytest.skip("The playwright package is not installed.")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies, no language chosen yet) for every test.

    The browser asks for English (Accept-Language: en-US), like the English Windows many district offices
    run: Jaring must still answer in Bahasa Indonesia until the user picks English in the top bar.
    """
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    context = browser.new_context(base_url=live_server.url, accept_downloads=True, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def _login(page, live_server, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form and wait for the home page."""
    from playwright.sync_api import expect

    page.goto(live_server.url + "/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form button[type=submit].primary")
    expect(page).to_have_url(live_server.url + "/")


@pytest.fixture
def login():
    """``login(page, live_server, username, password=PASSWORD)``: sign in through the form, land on home."""
    return _login
