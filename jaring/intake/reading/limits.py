"""How much an upload may hold. The checks read these through the module (``limits.MAX_MEMBERS``) when they
run, so that a test can lower one without building a file past the real limit."""

MB = 1024 * 1024
#: Zip-bomb limits, checked on the zip directory before calamine opens anything. A normal sheet
#: compresses about 10:1; a small member may compress far better (e.g. empty styles), hence the floor.
MAX_UNZIPPED = 400 * MB
MAX_MEMBERS = 10_000
MAX_RATIO = 100
RATIO_FLOOR = 20 * MB
