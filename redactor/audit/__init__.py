"""The tamper-evident audit log: append-only, hash-chained JSON lines."""

from redactor.audit.log import AuditEvent, AuditLog, verify_audit_file

__all__ = ["AuditEvent", "AuditLog", "verify_audit_file"]
