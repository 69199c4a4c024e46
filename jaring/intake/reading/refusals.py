"""Why an upload is refused: one exception, and its messages for the operator in Bahasa Indonesia."""

from .limits import MB


class FileRefused(ValueError):
    """An upload that cannot be read. ``str(exc)`` is the message for the operator (Bahasa Indonesia);
    ``reason`` is a stable code for the caller: too_large, empty, not_a_table, unsupported_format,
    zip_bomb, locked, unreadable, too_many_rows, no_header, no_data, no_sheet."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _size(size: int) -> str:
    if size < 1024:
        return f"{_number(size)} byte"
    value, unit = (size / MB, "MB") if size >= MB else (size / 1024, "KB")
    return f"{value:.1f}".removesuffix(".0").replace(".", ",") + f" {unit}"


def _empty() -> FileRefused:
    return FileRefused("Berkas kosong: tidak ada data yang bisa dibaca.", reason="empty")


def _not_a_table(filename: str) -> FileRefused:
    named = f" ({filename})" if filename else ""
    return FileRefused(
        f"Berkas ini bukan Excel atau CSV{named}. Unggah berkas .xlsx, .xls, atau .csv.", reason="not_a_table"
    )


def _unsupported(what: str) -> FileRefused:
    return FileRefused(
        f"Berkas ini {what}, yang belum bisa dibaca. Buka di Excel atau LibreOffice, simpan sebagai .xlsx, "
        "lalu unggah lagi.",
        reason="unsupported_format",
    )


def _bomb(problem: str) -> FileRefused:
    return FileRefused(
        f"Berkas Excel ini tidak wajar: {problem}, melebihi batas aman. Simpan ulang di Excel, lalu unggah lagi.",
        reason="zip_bomb",
    )


def _locked() -> FileRefused:
    return FileRefused(
        "Berkas Excel ini dikunci dengan kata sandi. Buka kuncinya di Excel, simpan, lalu unggah lagi.",
        reason="locked",
    )


def _unreadable(kind: str = "Excel") -> FileRefused:
    return FileRefused(
        f"Berkas {kind} ini rusak atau tidak bisa dibaca. Buka di Excel, simpan ulang, lalu unggah lagi.",
        reason="unreadable",
    )


def _too_many_rows(max_rows: int) -> FileRefused:
    return FileRefused(
        f"Berkas berisi lebih dari {_number(max_rows)} baris data. Pecah menjadi beberapa berkas berisi paling "
        f"banyak {_number(max_rows)} baris, lalu unggah satu per satu.",
        reason="too_many_rows",
    )
