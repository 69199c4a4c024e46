"""What a remote verifier's answer (Dukcapil's web service) means for a candidate the local extract lacks.

The answer is read by its attributes (``found``, ``name_matches``, ``birth_date_matches``, ``is_alive``,
``village``), whatever class the civil adapter gives it. No Django.
"""

from ..engine.contract import Reason
from ..lifecycle import Status


def remote_outcome(answer, *, regency: str) -> tuple[Status, list[Reason]]:
    if not answer.found:
        return Status.NOT_FOUND, [Reason("remote_not_found", "nik")]
    if answer.is_alive is False:
        return Status.DECEASED, [Reason("remote_deceased", "nik")]
    village = answer.village or ""
    if village and not village.startswith(regency + "."):
        return Status.OUT_OF_REGION, [Reason("out_of_region", "village", registry=village)]
    reasons = [Reason("remote_found", "nik")]
    if answer.name_matches is False:
        reasons.append(Reason("remote_name_differs", "full_name"))
    if answer.birth_date_matches is False:
        reasons.append(Reason("remote_birth_date_differs", "birth_date"))
    return (Status.MISMATCH if len(reasons) > 1 else Status.VALID), reasons


def unavailable_reason(message: str) -> Reason:
    return Reason("remote_unavailable", "nik", registry=message[:200])
