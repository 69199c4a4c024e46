"""Kode iuran: the 11-digit payment code of one invoice (domain-facts §7.3), paid at partner banks. No Django.

BPJS's own algorithm is not public. Jaring issues ten digits that are unique per invoice followed by a Luhn
check digit, so that a mistyped code is told apart from a code nobody issued. A petugas BPJS may replace it
with the code BPJS's EPS gives; such a code is checked for its length only.
"""

LENGTH = 11


def luhn_digit(digits: str) -> str:
    """The Luhn check digit of ``digits`` (the one credit cards use: it catches every single-digit typo and
    most swaps of neighbours)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            value -= 9 if value > 9 else 0
        total += value
    return str((10 - total % 10) % 10)


def issue_code(regency_code: str, month_year: int, month: int, serial: int) -> str:
    """Ten digits, the regency's four, the year's last digit, the month's two and a three-digit serial of the
    month's invoices in the regency, then the Luhn digit: ``3503`` ``6`` ``03`` ``007`` → ``35036030079``, from
    which a treasurer can read the regency and the month. A regency with an APBDes source in each of its
    villages needs the three digits."""
    regency = regency_code.replace(".", "")[:4].rjust(4, "0")
    body = f"{regency}{month_year % 10}{month:02d}{serial % 1000:03d}"
    return body + luhn_digit(body)


def code_problem(code: str, *, issued_by_jaring: bool = True) -> str | None:
    """Why ``code`` cannot be a kode iuran, in Bahasa Indonesia, or None."""
    if len(code) != LENGTH or not code.isdigit():
        return f"Kode iuran harus {LENGTH} angka, bukan {code!r}."
    if issued_by_jaring and luhn_digit(code[:-1]) != code[-1]:
        return f"Kode iuran {code} salah ketik (angka pemeriksanya tidak cocok): periksa lagi angkanya."
    return None


def clean_code(text: str) -> str:
    """A code as written on a bank slip: spaces, dots and dashes between the digits are dropped."""
    return "".join(ch for ch in (text or "") if ch not in " .-\t")
