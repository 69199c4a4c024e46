"""Reconciliation with BPJS's billing and payment status file (issue #7 point 3). No Django here.

``files`` reads the file into one row per KPJ and month, naming every row it cannot read; ``compare`` lists
every difference between BPJS's rows and Jaring's invoice lines for the month, each with the action it calls
for; ``synthetic`` writes a realistic status file for demos and tests; ``lifecycle`` holds the transition
table of a reconciliation (checked, then saved or cancelled).
"""
