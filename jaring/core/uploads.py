"""Checks of uploaded proofs (a signed decree's scan, a bank receipt): what they are is read from their first
bytes, not their name. No Django: callers pass the file object's ``read``/``seek`` and size."""

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
#: A PDF, or a JPEG or PNG photo, by its first bytes.
DOCUMENT_SIGNATURES = {b"%PDF-": "PDF", b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}


def document_problem(upload, *, what: str) -> str | None:
    """Why ``upload`` (a file with ``size``, ``read`` and ``seek``) cannot be kept as ``what`` ("Pindaian SK",
    "Bukti bayar"), in Bahasa Indonesia; None when it is a PDF, JPG or PNG of at most 10 MB."""
    if upload.size > MAX_DOCUMENT_BYTES:
        return f"{what} paling besar 10 MB."
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in DOCUMENT_SIGNATURES):
        return f"{what} harus berkas PDF, JPG atau PNG."
    return None
