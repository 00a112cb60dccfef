"""What can be known about a file's bytes before a parser opens them: format, size and
container limits (zip bombs, encrypted Office files). Used for response files and for the
files attached to e-mail responses alike."""

from __future__ import annotations

import io
import zipfile

from .edition import SUPPORTED_SUFFIXES
from .problems import Problem

ZIP_FORMATS = {".xlsx", ".docx", ".ods", ".zip"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # xls, and Office files when encrypted
MAGIC = {".pdf": b"%PDF", ".xls": OLE_MAGIC}


def check_content(data: bytes, suffix: str, name: str, limits: dict, size: int | None = None) -> list[Problem]:
    """Every reason not to hand `data` (a `suffix` file called `name`) to a parser; `size`
    stands for the bytes of a file too large to be read at all."""
    size = len(data) if size is None else size
    if suffix not in SUPPORTED_SUFFIXES:
        return [Problem(name, f"unsupported format '{suffix}'", f"convert it to one of {sorted(SUPPORTED_SUFFIXES)}")]
    if not size:
        return [Problem(name, "empty file (0 bytes)", "replace it with the response as received")]
    if size > limits["max_file_mb"] * 1024 * 1024:
        return [
            Problem(
                name,
                f"{size / 1e6:.1f} MB is over max_file_mb={limits['max_file_mb']}",
                "check the file; raise max_file_mb in config.yaml if it is genuine",
            )
        ]
    if suffix in ZIP_FORMATS:
        if data.startswith(OLE_MAGIC):
            return [
                Problem(
                    name,
                    "password-protected (encrypted Office file)",
                    "ask the force for an unprotected copy, or save it without a password",
                )
            ]
        return _check_zip(data, suffix, name, limits)
    if suffix in MAGIC and not data.startswith(MAGIC[suffix]):
        return [
            Problem(
                name,
                f"does not look like a {suffix} file (mis-named or corrupt)",
                "rename it to its real format, or obtain an intact copy",
            )
        ]
    return []


def _check_zip(data: bytes, suffix: str, name: str, limits: dict) -> list[Problem]:
    """Cheap checks first (member count, declared sizes), then every member decompressed
    and checked against its CRC: zipfile stops at the declared size, so a header that lies
    about a bomb's size shows as a corrupt member instead of unpacking it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > limits.get("max_zip_members", 2000):
                return [
                    Problem(
                        name,
                        f"holds {len(infos)} zip members, over max_zip_members={limits.get('max_zip_members', 2000)}"
                        " (no office file needs that many): possible zip bomb",
                        "do not open it; ask the force to resend it",
                    )
                ]
            packed = max(1, sum(i.compress_size for i in infos))
            unpacked = sum(i.file_size for i in infos)
            if unpacked > limits["max_unpacked_mb"] * 1024 * 1024 or unpacked / packed > limits["max_zip_ratio"]:
                return [
                    Problem(
                        name,
                        f"unpacks to {unpacked / 1e6:.1f} MB (ratio {unpacked / packed:.0f}:1), "
                        f"over the limits (max_unpacked_mb={limits['max_unpacked_mb']}, "
                        f"max_zip_ratio={limits['max_zip_ratio']}): possible zip bomb",
                        "do not open it; ask the force to resend, or raise the limits if it is genuine",
                    )
                ]
            bad = archive.testzip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError):
        return [
            Problem(
                name,
                f"not a valid {suffix} (zip container is corrupt or truncated)",
                "obtain an intact copy from the force, or re-save it",
            )
        ]
    if bad:
        return [
            Problem(
                name,
                f"corrupt member '{bad}' in the zip container (its content does not match its header)",
                "obtain an intact copy",
            )
        ]
    return []
