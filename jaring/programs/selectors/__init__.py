"""Reads of programs, scoped to the user's regency and role."""
