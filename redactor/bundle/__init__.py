"""The disclosure bundle: redacted items, schedule, index, manifest and audit log, and its verification."""
