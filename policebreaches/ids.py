"""Row ids: a record's, and a counts-only row's in public citations (no pandas, no readers:
the statistics stage uses it too)."""

from __future__ import annotations

import hashlib


def record_id(file_sha256: str, locator: str) -> str:
    """Stable across runs: depends on the file's bytes and the row's place only."""
    return hashlib.sha256(f"{file_sha256}:{locator}".encode()).hexdigest()[:16]
