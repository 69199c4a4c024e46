"""Stages added to the demo after its first release, in the order they build on each other.

Each names the table that shows the stage is there, the command that seeds it into an older demo database, and
what to say meanwhile. `jaring demo` reads the tables without Django; `jaring demo-stages` seeds what is missing.
"""

LATER_STAGES = (
    ("programs_program", "demo-intake", "tahap usulan desa"),
    ("verification_verificationrun", "demo-verification", "tahap verifikasi"),
    ("programs_selection", "demo-selection", "tahap seleksi"),
    ("decrees_decree", "demo-decree", "tahap SK"),
    ("enrollment_membership", "demo-enrollment", "tahap pendaftaran BPJS"),
    ("billing_invoice", "demo-billing", "tahap iuran"),
    ("monitoring_workforcedenominator", "demo-denominators", "penyebut cakupan"),
    ("monitoring_factsstate", "demo-monitoring", "tahap pemantauan"),
    ("monitoring_regencysummary", "demo-summaries", "ringkasan kabupaten/kota lain untuk rekap provinsi"),
)
