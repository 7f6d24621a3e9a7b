"""What kind of file an input is, from its first bytes: the types no reader can use are refused by name.

Reads: a file's first bytes and its name. Writes: the name of an unsupported type (``PDF document``,
``PNG image``, ``office document or zip archive`` ...) or ``None`` for anything that may be text. The
magic numbers decide, not the extension: a ``.txt`` that is really a PDF is refused as a PDF, and a
PDF's bytes are never decoded as if they were text in some legacy encoding.
"""

from __future__ import annotations

from pathlib import Path

# (leading bytes, type). Checked in order; the first match wins.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"BM", "BMP image"),
    (b"PK\x03\x04", "office document or zip archive (.docx, .xlsx, .odt, .epub, .zip)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy office document (.doc, .xls, .ppt)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"{\\rtf", "RTF document"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
)
RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
# Found in a folder, these are logged as refused (with their type) rather than passed over: a user who
# drops a PDF into the inbox learns that it was not read. Other unknown files in folders are not inputs.
UNSUPPORTED_SUFFIXES = (
    ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp", ".heic",
    ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp", ".epub",
    ".zip", ".gz", ".7z", ".rar",
)  # fmt: skip
BMP_MIN = 26  # a BMP header is at least this long: "BM" alone starts too much ordinary text


def sniff(head: bytes) -> str | None:
    """The unsupported type whose magic number ``head`` starts with, or ``None``."""
    if head[:4] == b"RIFF" and head[8:12] in RIFF_KINDS:
        return RIFF_KINDS[head[8:12]]
    for magic, kind in MAGIC:
        if head.startswith(magic):
            if magic == b"BM" and (len(head) < BMP_MIN or head[6:10] != b"\x00\x00\x00\x00"):
                continue  # a text that begins with "BM", not a bitmap (its reserved bytes are zero)
            return kind
    return None


def unsupported(path: Path) -> str | None:
    """Why ``path`` cannot be read as articles, from its first bytes (or its name when they are not known)."""
    with path.open("rb") as f:
        head = f.read(64)
    kind = sniff(head)
    if kind is not None:
        return f"unsupported file type: {kind}; convert it to text (.txt, .md, .html) first"
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        return f"unsupported file type: {suffix} file; convert it to text (.txt, .md, .html) first"
    return None
