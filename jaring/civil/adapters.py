"""Civil-registry adapters behind one interface: the remote one-to-one verifier.

The local extract (``services.civil_extract_import``, read by ``registry.registry_frame``) answers for the
regency's residents. For a candidate it does not hold, a deployment with Dukcapil access (Permendagri
102/2019, after a PKS; reference/domain-facts.md §7.4) checks NIK + name + birth date one by one through a
``RemoteVerifier``. ``remote_verifier()`` builds the configured one, or returns None when none is configured.

No public Dukcapil API specification exists (domain-facts §7.4), so ``HttpVerifier`` speaks this contract,
and a deployment whose gateway answers differently adapts ``answer_from_json`` (and ``request_body``) only:

    POST <JARING_CIVIL_VERIFIER_URL>
    Authorization: Bearer <token>   or   Basic <user:password>
    Content-Type: application/json
    {"nik": "3503011204850001", "nama": "SUTRISNO", "tanggal_lahir": "1985-04-12"}   (tanggal_lahir may be null)

    200 OK
    {"ditemukan": true,                 # the NIK exists in the civil registry
     "nama_sesuai": true,               # the name matches the registry's
     "tanggal_lahir_sesuai": true,      # the birth date matches (false when none was sent)
     "status_hidup": "HIDUP",           # "HIDUP", "MATI" or null when the gateway does not say
     "kode_desa": "35.03.01.2001"}      # domicile village (Kemendagri code, dots optional) or null

A NIK the registry does not know is ``{"ditemukan": false}`` with 200. Anything else (a timeout, a refused
connection, 5xx, 429, another status, a body that is not that JSON) raises ``RemoteUnavailable`` with the
reason in Bahasa Indonesia, after retries where a retry can help: the caller marks the candidate "belum
terverifikasi" and goes on. Calls never hang: every request has a timeout and a total deadline.
"""

import base64
import email.utils
import http.client
import json
import random
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from jaring.core.regioncodes import InvalidRegionCode, normalize

from .resilience import CircuitBreaker, TokenBucket

MAX_BODY = 1024 * 1024
RETRIED_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True, slots=True)
class RemoteAnswer:
    found: bool
    name_matches: bool
    birth_date_matches: bool
    is_alive: bool | None
    village: str  # Kemendagri code, or ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


class RemoteUnavailable(Exception):
    """The remote verifier could not answer; ``reason`` says why, in Bahasa Indonesia."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class RemoteVerifier(Protocol):
    def verify(self, nik: str, full_name: str, birth_date: date | None) -> RemoteAnswer: ...


def request_body(nik: str, full_name: str, birth_date: date | None) -> dict[str, Any]:
    return {"nik": nik, "nama": full_name, "tanggal_lahir": birth_date.isoformat() if birth_date else None}


def answer_from_json(data: Any) -> RemoteAnswer:
    """The gateway's JSON as a RemoteAnswer; raises ValueError when it is not the documented shape."""
    if not isinstance(data, dict) or not isinstance(data.get("ditemukan"), bool):
        raise ValueError("tidak ada 'ditemukan' (true/false)")
    if not data["ditemukan"]:
        return RemoteAnswer(False, False, False, None, "", data)
    flags = [data.get(k) for k in ("nama_sesuai", "tanggal_lahir_sesuai")]
    if not all(isinstance(f, bool) for f in flags):
        raise ValueError("'nama_sesuai' dan 'tanggal_lahir_sesuai' harus true/false")
    alive = {"HIDUP": True, "MATI": False, None: None}.get(data.get("status_hidup"), "?")
    if alive == "?":
        raise ValueError("'status_hidup' harus HIDUP, MATI atau null")
    return RemoteAnswer(True, flags[0], flags[1], alive, _village(data.get("kode_desa")), data)


def _village(code: Any) -> str:
    if not code:
        return ""
    try:
        return normalize(str(code))
    except InvalidRegionCode as exc:
        raise ValueError(f"'kode_desa' tidak sah: {code!r}") from exc


class _Retry(Exception):
    """One attempt failed in a way another attempt may not; ``wait`` is the server's Retry-After, if any."""

    def __init__(self, reason: str, wait: float | None = None):
        super().__init__(reason)
        self.reason, self.wait = reason, wait


class HttpVerifier:
    """``RemoteVerifier`` over HTTP(S) with the standard library: timeouts, retries with exponential backoff
    and jitter, a token-bucket rate limit and a circuit breaker (see the module docstring for the contract)."""

    def __init__(
        self,
        url: str,
        *,
        user: str = "",
        password: str = "",
        token: str = "",
        timeout: float = 5.0,
        retries: int = 3,
        rate: float = 5.0,
        breaker_failures: int = 5,
        breaker_cooldown: float = 60.0,
        backoff: float = 0.5,
        max_wait: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.url, self.timeout, self.retries = url, timeout, retries
        self.backoff, self.max_wait, self._sleep = backoff, max_wait, sleep
        self._headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token:
            self._headers["Authorization"] = f"Bearer {token}"
        elif user:
            self._headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.bucket = TokenBucket(rate)
        self.breaker = CircuitBreaker(breaker_failures, breaker_cooldown)

    def verify(self, nik: str, full_name: str, birth_date: date | None) -> RemoteAnswer:
        if not self.breaker.allow():
            raise RemoteUnavailable(
                f"Layanan verifikasi Dukcapil sedang diistirahatkan setelah gagal berulang kali; "
                f"dicoba lagi dalam {self.breaker.retry_in():.0f} detik."
            )
        try:
            answer = self._with_retries(json.dumps(request_body(nik, full_name, birth_date)).encode())
        except RemoteUnavailable:
            self.breaker.failure()
            raise
        self.breaker.success()
        return answer

    def _with_retries(self, body: bytes) -> RemoteAnswer:
        for attempt in range(self.retries + 1):
            try:
                return self._attempt(body)
            except _Retry as failure:
                if attempt == self.retries:
                    raise RemoteUnavailable(f"{failure.reason} (setelah {attempt + 1} percobaan)") from None
                self._sleep(self._delay(attempt, failure.wait))
        raise AssertionError("unreachable")

    def _delay(self, attempt: int, server_wait: float | None) -> float:
        backoff = self.backoff * 2**attempt + random.uniform(0, self.backoff)
        return min(self.max_wait, max(backoff, server_wait or 0.0))

    def _attempt(self, body: bytes) -> RemoteAnswer:
        self.bucket.acquire()
        request = urllib.request.Request(self.url, data=body, headers=self._headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data = self._read(response, time.monotonic() + self.timeout)
        except urllib.error.HTTPError as exc:
            raise self._status_failure(exc) from None
        except TimeoutError:
            raise _Retry(f"Layanan verifikasi tidak menjawab dalam {self.timeout:g} detik") from None
        except (urllib.error.URLError, ConnectionError, http.client.HTTPException, OSError) as exc:
            if isinstance(getattr(exc, "reason", None), TimeoutError):
                raise _Retry(f"Layanan verifikasi tidak menjawab dalam {self.timeout:g} detik") from None
            raise _Retry(f"Layanan verifikasi tidak dapat dihubungi ({_why(exc)})") from None
        return self._answer(data)

    def _read(self, response, deadline: float) -> bytes:
        """The body, within the total deadline: a server trickling bytes must not hold the caller."""
        chunks, size = [], 0
        while chunk := response.read(64 * 1024):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BODY:
                raise RemoteUnavailable("Jawaban layanan verifikasi terlalu besar.")
            if time.monotonic() > deadline:
                raise TimeoutError
        return b"".join(chunks)

    def _status_failure(self, exc: urllib.error.HTTPError) -> Exception:
        if exc.code in RETRIED_STATUSES:
            return _Retry(f"Layanan verifikasi menjawab HTTP {exc.code}", _retry_after(exc.headers.get("Retry-After")))
        if exc.code in (401, 403):
            return RemoteUnavailable(f"Layanan verifikasi menolak akses (HTTP {exc.code}): periksa kredensial.")
        return RemoteUnavailable(f"Layanan verifikasi menjawab HTTP {exc.code}.")

    def _answer(self, data: bytes) -> RemoteAnswer:
        try:
            return answer_from_json(json.loads(data))
        except (ValueError, UnicodeDecodeError) as exc:
            raise RemoteUnavailable(f"Jawaban layanan verifikasi tidak sesuai format yang disepakati: {exc}") from None


def _why(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    return str(reason) or type(reason).__name__


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def remote_verifier() -> RemoteVerifier | None:
    """The verifier the settings describe (``JARING_CIVIL_VERIFIER_*``), or None when no URL is set."""
    from django.conf import settings

    if not settings.CIVIL_VERIFIER_URL:
        return None
    return HttpVerifier(
        settings.CIVIL_VERIFIER_URL,
        user=settings.CIVIL_VERIFIER_USER,
        password=settings.CIVIL_VERIFIER_PASSWORD,
        token=settings.CIVIL_VERIFIER_TOKEN,
        timeout=settings.CIVIL_VERIFIER_TIMEOUT,
        retries=settings.CIVIL_VERIFIER_RETRIES,
        rate=settings.CIVIL_VERIFIER_RATE,
        breaker_failures=settings.CIVIL_VERIFIER_BREAKER_FAILURES,
        breaker_cooldown=settings.CIVIL_VERIFIER_BREAKER_COOLDOWN,
    )


def verify_many(
    verifier: RemoteVerifier,
    items: Iterable[tuple[str, str, date | None]],
    *,
    on_unavailable: Callable[[tuple[str, str, date | None], RemoteUnavailable], None] | None = None,
) -> Iterator[tuple[tuple[str, str, date | None], RemoteAnswer | None]]:
    """``(item, answer)`` for each ``(nik, name, birth date)``; ``answer`` is None where the verifier could not
    answer (reported to ``on_unavailable``), so one failure never stops the others."""
    for item in items:
        try:
            yield item, verifier.verify(*item)
        except RemoteUnavailable as exc:
            if on_unavailable:
                on_unavailable(item, exc)
            yield item, None
