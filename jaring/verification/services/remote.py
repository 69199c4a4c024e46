"""The remote verifier (Dukcapil's web service), asked only about candidates the local extract lacks.

The civil adapters provide it (none unless ``JARING_CIVIL_VERIFIER_URL`` is set: then verification uses the
local extract alone). A verifier that fails leaves its candidates "belum terverifikasi" and the run goes on.
"""

import logging
from dataclasses import dataclass

from jaring.civil.adapters import RemoteUnavailable, remote_verifier

logger = logging.getLogger(__name__)

ANSWERED, UNAVAILABLE = "answered", "unavailable"


@dataclass(frozen=True, slots=True)
class RemoteResult:
    kind: str  # ANSWERED or UNAVAILABLE
    answer: object = None
    message: str = ""


class RemoteSession:
    """Asks one verifier candidate by candidate; after its first failure, the rest of the run does not wait
    on it again (a service that is down would otherwise cost a timeout per candidate)."""

    def __init__(self, verifier):
        self.verifier = verifier
        self.failure = ""

    @classmethod
    def open(cls) -> "RemoteSession | None":
        verifier = remote_verifier()
        return cls(verifier) if verifier is not None else None

    def ask(self, nik: str, full_name: str, birth_date) -> RemoteResult:
        if self.failure:
            return RemoteResult(UNAVAILABLE, message=self.failure)
        try:
            return RemoteResult(ANSWERED, self.verifier.verify(nik, full_name, birth_date))
        except RemoteUnavailable as exc:
            self.failure = str(exc) or "tidak menjawab"
        except Exception as exc:  # any failure of a remote service is an unavailable service to the verifier
            logger.exception("remote verifier failed")
            self.failure = f"galat {type(exc).__name__}"
        return RemoteResult(UNAVAILABLE, message=self.failure)
