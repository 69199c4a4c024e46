class ExtractRefused(ValueError):
    """The whole file cannot be read as a civil-registry extract; the message says why, in Bahasa Indonesia."""
