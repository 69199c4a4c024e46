"""Writes of programs: planning (period, package, funding sources, quotas) and selection."""
