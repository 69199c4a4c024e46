"""The HTTP verifier against a fake Dukcapil gateway that the tests start on 127.0.0.1.

The server plays a script: each request takes the next behaviour ("ok", "slow", "500", "bad_json", "429",
"not_found", "401"), the last one repeating. Backoff and cooldowns are small so the file runs in seconds.
"""

import datetime as dt
import time

import pytest

from jaring.civil.adapters import HttpVerifier, RemoteAnswer, RemoteUnavailable, remote_verifier, verify_many

from .gateway import FOUND, running_gateway


@pytest.fixture
def gateway():
    with running_gateway() as server:
        yield server


def verifier(gateway, **options) -> HttpVerifier:
    defaults = dict(timeout=0.3, retries=2, rate=1000, backoff=0.01, breaker_failures=3, breaker_cooldown=0.3)
    return HttpVerifier(gateway.url, **(defaults | options))


def ask(v: HttpVerifier) -> RemoteAnswer:
    return v.verify("3503011204850001", "SUTRISNO", dt.date(1985, 4, 12))


def test_answer_is_mapped_and_the_request_follows_the_contract(gateway):
    answer = ask(verifier(gateway, token="rahasia"))
    assert (answer.found, answer.name_matches, answer.birth_date_matches) == (True, True, False)
    assert answer.is_alive is True and answer.village == "35.03.01.2001" and answer.raw == FOUND
    request = gateway.requests[0]
    assert request["body"] == {"nik": "3503011204850001", "nama": "SUTRISNO", "tanggal_lahir": "1985-04-12"}
    assert request["auth"] == "Bearer rahasia"


def test_unknown_nik_is_an_answer_not_an_error_and_basic_auth_is_sent(gateway):
    gateway.script = ["not_found"]
    answer = ask(verifier(gateway, user="jaring", password="sandi"))
    assert answer.found is False and answer.is_alive is None and answer.village == ""
    assert gateway.requests[0]["auth"] == "Basic amFyaW5nOnNhbmRp"


def test_slow_server_times_out_and_the_caller_gets_a_reason(gateway):
    gateway.script = ["slow"]
    started = time.monotonic()
    with pytest.raises(RemoteUnavailable, match=r"tidak menjawab dalam 0\.3 detik") as failure:
        ask(verifier(gateway, retries=1))
    assert time.monotonic() - started < 1.5 and len(gateway.requests) == 2
    assert "setelah 2 percobaan" in failure.value.reason


def test_server_error_then_ok_succeeds_on_retry(gateway):
    gateway.script = ["500", "500", "ok"]
    assert ask(verifier(gateway)).found is True
    assert len(gateway.requests) == 3


def test_server_error_every_time_gives_up_after_the_retries(gateway):
    gateway.script = ["500"]
    with pytest.raises(RemoteUnavailable, match="HTTP 500 \\(setelah 3 percobaan\\)"):
        ask(verifier(gateway))
    assert len(gateway.requests) == 3


def test_malformed_json_is_unavailable_without_retrying(gateway):
    gateway.script = ["bad_json"]
    with pytest.raises(RemoteUnavailable, match="tidak sesuai format"):
        ask(verifier(gateway))
    assert len(gateway.requests) == 1


def test_rejected_credentials_are_not_retried(gateway):
    gateway.script = ["401"]
    with pytest.raises(RemoteUnavailable, match="periksa kredensial"):
        ask(verifier(gateway))
    assert len(gateway.requests) == 1


def test_too_many_requests_waits_for_retry_after_then_succeeds(gateway):
    gateway.script = ["429", "ok"]
    waits = []
    v = verifier(gateway, sleep=waits.append)
    assert ask(v).found is True and len(waits) == 1


def test_retry_after_is_honoured_up_to_the_cap(gateway):
    v = verifier(gateway, backoff=0.01, max_wait=2.0)
    assert v._delay(0, 1.5) == 1.5 and v._delay(0, 120) == 2.0 and v._delay(0, None) < 0.03


def test_connection_refused_is_unavailable(gateway):
    url = gateway.url
    gateway.shutdown()
    gateway.server_close()
    with pytest.raises(RemoteUnavailable, match="tidak dapat dihubungi"):
        HttpVerifier(url, retries=1, backoff=0.01, timeout=0.3).verify("3503011204850001", "A", None)


def test_breaker_opens_short_circuits_then_half_opens(gateway):
    gateway.script = ["500"]
    v = verifier(gateway, retries=0, breaker_failures=2, breaker_cooldown=0.3)
    for _ in range(2):
        with pytest.raises(RemoteUnavailable, match="HTTP 500"):
            ask(v)
    with pytest.raises(RemoteUnavailable, match="diistirahatkan"):
        ask(v)
    assert len(gateway.requests) == 2  # the open breaker did not call the server
    time.sleep(0.35)
    gateway.script = ["ok"]
    assert ask(v).found is True  # the half-open trial call went through and closed the breaker
    assert v.breaker.state == "closed" and len(gateway.requests) == 3


def test_rate_limit_spaces_requests(gateway):
    v = verifier(gateway, rate=20)
    for _ in range(4):
        ask(v)
    # Arrival times jitter on a loaded machine (one gap can shrink as the one before it grows); four requests at
    # 20 a second still cannot all arrive within three intervals of 50 ms, less 20 ms of jitter.
    assert gateway.stamps[-1] - gateway.stamps[0] >= 0.13


def test_verify_many_goes_on_past_an_unavailable_answer(gateway):
    gateway.script = ["500", "ok"]
    failed = []
    items = [("3503011204850001", "A", None), ("3503011204850002", "B", None)]
    results = list(verify_many(verifier(gateway, retries=0), items, on_unavailable=lambda i, e: failed.append(i)))
    assert [answer is None for _, answer in results] == [True, False] and failed == [items[0]]


def test_no_url_means_no_remote_verifier(settings):
    settings.CIVIL_VERIFIER_URL = ""
    assert remote_verifier() is None
    settings.CIVIL_VERIFIER_URL = "https://gateway.example/verifikasi"
    settings.CIVIL_VERIFIER_TOKEN = "t"
    built = remote_verifier()
    assert isinstance(built, HttpVerifier) and built.timeout == 5.0 and built.retries == 3
