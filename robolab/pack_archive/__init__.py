"""Sharing packs between centres: a zip with a manifest (``robolab pack export`` / ``import``).

An archive holds ``robolab-pack.json`` (the manifest, format ``robolab/pack-archive@1``) and the
pack's YAML files under a folder named by the pack id::

    robolab-pack.json
    loops/pack.yaml
    loops/temple.yaml …

Importing trusts nothing in the archive: names, types, sizes (declared *and* counted while
extracting), the manifest's file list and checksums are all checked, the pack is extracted into
a temporary folder next to the destination, checked like ``robolab check`` does, and only then
moved into place with a rename. An installed pack is never overwritten unless asked.
"""

from __future__ import annotations

from robolab.pack_archive.export import Exported, export_pack
from robolab.pack_archive.install import Installed, import_pack, read_manifest
from robolab.pack_archive.manifest import (
    ARCHIVE_FORMAT,
    MANIFEST,
    MAX_ARCHIVE_BYTES,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_TOTAL_BYTES,
    ArchiveError,
    ArchiveFile,
    Manifest,
)

__all__ = [
    "ARCHIVE_FORMAT",
    "MANIFEST",
    "MAX_ARCHIVE_BYTES",
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "MAX_TOTAL_BYTES",
    "ArchiveError",
    "ArchiveFile",
    "Exported",
    "Installed",
    "Manifest",
    "export_pack",
    "import_pack",
    "read_manifest",
]
