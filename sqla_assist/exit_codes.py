"""Process exit codes of every command, documented in README."""

OK = 0
"""Success; for `check`, nothing new since the baseline."""

FINDINGS = 1
"""`check`: new legacy usage or a stale baseline; `alembic`: a proposed change alters the schema."""

USAGE = 2
"""Bad arguments, not a git checkout, unreadable state or configuration."""

INTERRUPTED = 130
"""Stopped by Ctrl-C; nothing was left half-written."""
