"""Enrollment follows the decrees it sits on (DESIGN.md §4): connected in EnrollmentConfig.ready."""

from .services import memberships_end_removed


def on_decree_finalized(sender, *, decree, actor=None, **kwargs) -> None:
    """An SK perubahan became final: the memberships of the recipients it removed end (``rules.removal_end``)."""
    memberships_end_removed(decree=decree, actor=actor)
