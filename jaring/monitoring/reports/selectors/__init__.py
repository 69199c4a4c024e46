"""Reads behind each report, scoped to the reader (``scope_people`` for names; counts only otherwise)."""
