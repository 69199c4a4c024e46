"""Jaring: the social safety net for BPJS Ketenagakerjaan contributions paid by regional governments."""

__version__ = "0.1.0"
