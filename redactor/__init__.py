"""redactor: offline flagging, review and redaction of personal data in disclosure material."""

__version__ = "0.1.0"
