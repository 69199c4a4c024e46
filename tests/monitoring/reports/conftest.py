"""Report fixtures on top of the monitoring ones (``billed``): an amending decree that removes WAGIYO, who died,
and puts SUMINI of Besuki in his place."""

import pytest

from ...enrollment.conftest import amend, source_of
from ...verification.conftest import resident

FORMATS = ("pdf", "xlsx")


@pytest.fixture
def amended(program, decree, candidates, billed):
    sumini = resident(program, "SUMINI")
    return amend(decree, removed=(candidates["WAGIYO"],), added=[(sumini, source_of(program, "apbd_kabupaten"))],
                 reason="Meninggal dunia 3 Maret 2026")  # fmt: skip
