"""Every write on decrees: drafting from an approved selection, making final, amending, discarding."""

from ..lifecycle import DecreeRefused
from .amending import Removal, amendment_draft
from .drafting import decree_discard, decree_draft
from .finalizing import decree_finalize

__all__ = ["DecreeRefused", "Removal", "amendment_draft", "decree_discard", "decree_draft", "decree_finalize"]
