"""Checking and unpacking an uploaded SCORM 1.2 zip, before anything is stored.

``inspect_package`` reads the zip's directory and its ``imsmanifest.xml`` only, and returns
every rule the upload breaks, each naming the file or the limit: not a zip, encrypted, too
many files, too large unpacked, a compression ratio of a zip bomb, a path leaving the
package (absolute, ``..``, backslashes, links), a file type off the allow-list, no manifest,
a manifest with a DTD or entities (parsed by defusedxml, which never fetches anything), a
SCORM 2004 manifest, no launchable SCO. ``unpack`` then writes the files into a fresh
directory beside the target and renames it into place, counting the bytes it really
inflates (a zip may lie about its sizes); on any failure the partial directory is removed.
"""

import os
import posixpath
import shutil
import stat
import uuid
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MANIFEST = "imsmanifest.xml"
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_ERRORS = 10
CHUNK = 64 * 1024

# The file types a package may hold: pages, scripts, styles, data, media, fonts, and the
# XML schemas authoring tools ship beside the manifest. No executables, archives, Flash.
ALLOWED_EXTENSIONS = frozenset(
    [
        "html",
        "htm",
        "xhtml",
        "js",
        "mjs",
        "css",
        "json",
        "xml",
        "xsd",
        "dtd",
        "txt",
        "csv",
        "vtt",
        "srt",
        "map",
        "png",
        "jpg",
        "jpeg",
        "gif",
        "svg",
        "webp",
        "ico",
        "bmp",
        "avif",
        "mp3",
        "m4a",
        "wav",
        "oga",
        "ogg",
        "opus",
        "aac",
        "mp4",
        "m4v",
        "webm",
        "ogv",
        "woff",
        "woff2",
        "ttf",
        "otf",
        "eot",
        "pdf",
    ]
)


def limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_files() -> int:
    return limit("SCORM_MAX_FILES", 3000)


def max_unpacked_bytes() -> int:
    return limit("SCORM_MAX_UNPACKED_BYTES", 500 * 1024 * 1024)


def max_ratio() -> int:
    return limit("SCORM_MAX_COMPRESSION_RATIO", 100)


class PackageInvalid(Exception):
    """The upload breaks the rules; ``messages`` names each (file or limit)."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = list(messages)


@dataclass
class Inspection:
    """What a valid package's manifest says."""

    title: str
    identifier: str
    launch_path: str  # relative to the package, without the query
    launch_query: str = ""
    mastery_score: Decimal | None = None
    files: list = field(default_factory=list)  # the zip entries to unpack
    unpacked_bytes: int = 0


def safe_name(name: str) -> str | None:
    """The normalised relative path of a zip entry, or None when it would leave the
    package (absolute, a drive, ``..``, a backslash or a NUL)."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return None
    if len(name) > 1 and name[1] == ":":
        return None
    if any(part == ".." for part in name.split("/")):
        return None
    normal = posixpath.normpath(name)
    if normal.startswith("../") or normal in {".", ".."}:
        return None
    return normal


def extension(name: str) -> str:
    base = posixpath.basename(name)
    return base.rsplit(".", 1)[1].lower() if "." in base.strip(".") else ""


def _check_entries(archive: zipfile.ZipFile, errors: list) -> tuple[list, int]:
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > max_files():
        errors.append(
            _("The package has %(count)d files; at most %(limit)d are allowed.")
            % {"count": len(infos), "limit": max_files()}
        )
    total = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos)
    if total > max_unpacked_bytes():
        errors.append(
            _("Unpacked, the package would take %(size)s; at most %(limit)s is allowed.")
            % {"size": filesizeformat(total), "limit": filesizeformat(max_unpacked_bytes())}
        )
    if compressed and total / compressed > max_ratio():
        errors.append(
            _(
                "The package inflates %(ratio)d times its size (at most %(limit)d): "
                "it looks like a zip bomb."
            )
            % {"ratio": total // compressed, "limit": max_ratio()}
        )
    seen, entries = set(), []
    for info in infos:
        name = safe_name(info.filename)
        if name is None:
            errors.append(
                _("%(file)s: the path leaves the package.") % {"file": info.filename[:200]}
            )
            continue
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            errors.append(_("%(file)s: links are not allowed.") % {"file": name})
        elif info.flag_bits & 0x1:
            errors.append(_("%(file)s: encrypted files are not allowed.") % {"file": name})
        elif extension(name) not in ALLOWED_EXTENSIONS:
            errors.append(
                _("%(file)s: this type of file is not allowed in a package.") % {"file": name}
            )
        elif name.lower() in seen:
            errors.append(_("%(file)s: the file is in the zip twice.") % {"file": name})
        elif (
            info.compress_size
            and info.file_size > 1024 * 1024
            and info.file_size / info.compress_size > max_ratio()
        ):
            errors.append(
                _("%(file)s: inflates %(ratio)d times its size (at most %(limit)d).")
                % {
                    "file": name,
                    "ratio": info.file_size // info.compress_size,
                    "limit": max_ratio(),
                }
            )
        else:
            seen.add(name.lower())
            entries.append((name, info))
    return entries, total


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _attr(element, name: str) -> str:
    """An attribute by its local name, in whatever namespace (adlcp:scormtype, xml:base)."""
    for key, value in element.attrib.items():
        if _local(key).lower() == name.lower():
            return value.strip()
    return ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child.tag) == name]


def _text(element, path: list[str]) -> str:
    for name in path:
        found = _children(element, name) if element is not None else []
        element = found[0] if found else None
    return (element.text or "").strip() if element is not None else ""


def parse_manifest(data: bytes, names: set[str]) -> Inspection:
    """The package's title, identifier and launch file from ``imsmanifest.xml``; raises
    ``PackageInvalid`` naming what is wrong."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise PackageInvalid(
            [_("imsmanifest.xml: a DTD or entities are not allowed in the manifest.")]
        ) from None
    except (ParseError, ValueError) as error:
        raise PackageInvalid(
            [_("imsmanifest.xml is not well-formed XML (%(error)s).") % {"error": error}]
        ) from None
    if _local(root.tag) != "manifest":
        raise PackageInvalid([_("imsmanifest.xml: the root element must be <manifest>.")])
    version = _text(root, ["metadata", "schemaversion"])
    namespaces = " ".join(el.tag for el in root.iter() if isinstance(el.tag, str))
    namespaces += " ".join(str(key) for el in root.iter() for key in el.attrib)
    if "2004" in version or "1.3" in version or "adlcp_v1p3" in namespaces:
        raise PackageInvalid(
            [_("imsmanifest.xml: SCORM 2004 is not supported; export the course as SCORM 1.2.")]
        )
    resources = {}
    for group in _children(root, "resources"):
        base = _attr(group, "base")
        for resource in _children(group, "resource"):
            resources[_attr(resource, "identifier")] = (base, resource)

    def launch_of(resource_id):
        base, resource = resources.get(resource_id, ("", None))
        if resource is None or _attr(resource, "scormtype").lower() != "sco":
            return None
        href = _attr(resource, "href")
        return posixpath.join(base, _attr(resource, "base"), href) if href else None

    organizations = (_children(root, "organizations") or [None])[0]
    items = []
    if organizations is not None:
        default = _attr(organizations, "default")
        orgs = _children(organizations, "organization")
        chosen = [o for o in orgs if _attr(o, "identifier") == default] or orgs
        if chosen:
            items = [el for el in chosen[0].iter() if _local(el.tag) == "item"]
    title = _text(organizations, ["organization", "title"]) if organizations is not None else ""
    launch, mastery = None, ""
    for item in items:
        launch = launch_of(_attr(item, "identifierref"))
        if launch:
            mastery = _text(item, ["masteryscore"])
            title = title or _text(item, ["title"])
            break
    if not launch:
        launch = next(filter(None, (launch_of(key) for key in resources)), None)
    if not launch:
        raise PackageInvalid(
            [_('imsmanifest.xml names no launchable SCO (a resource with scormtype "sco").')]
        )
    path, _sep, query = launch.partition("?")
    normal = safe_name(path.split("#")[0])
    if normal is None or normal not in names:
        raise PackageInvalid(
            [_("imsmanifest.xml: the launch file %(file)s is not in the package.") % {"file": path}]
        )
    try:
        score = Decimal(mastery) if mastery else None
    except InvalidOperation:
        score = None
    return Inspection(
        title=title[:255],
        identifier=_attr(root, "identifier")[:255],
        launch_path=normal,
        launch_query=query[:500],
        mastery_score=score if score is not None and 0 <= score <= 100 else None,
    )


def inspect_package(upload) -> Inspection:
    """Check ``upload`` (a file object) against every rule; raises ``PackageInvalid`` with
    all the rules it breaks (at most ``MAX_ERRORS``)."""
    try:
        upload.seek(0)
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise PackageInvalid([_("The file is not a zip archive.")]) from None
    with archive:
        errors = []
        entries, total = _check_entries(archive, errors)
        by_name = dict(entries)
        manifest = by_name.get(MANIFEST)
        if manifest is None:
            errors.append(_("imsmanifest.xml is missing from the top of the zip."))
        elif manifest.file_size > MAX_MANIFEST_BYTES:
            errors.append(_("imsmanifest.xml is larger than 1 MB."))
        if errors:
            raise PackageInvalid(errors[:MAX_ERRORS])
        try:
            data = archive.read(manifest)
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
            raise PackageInvalid([_("imsmanifest.xml cannot be read from the zip.")]) from None
        inspection = parse_manifest(data, set(by_name))
        _inflate_all(archive, entries)
    inspection.files = [name for name, _info in entries]
    inspection.unpacked_bytes = total
    return inspection


def _inflate_all(archive: zipfile.ZipFile, entries: list) -> None:
    """Inflate every entry without writing it, so that a zip lying about its sizes or
    damaged is refused before anything is stored."""
    budget = max_unpacked_bytes()
    for name, info in entries:
        inflated = 0
        try:
            with archive.open(info) as source:
                while chunk := source.read(CHUNK):
                    inflated += len(chunk)
                    budget -= len(chunk)
                    if inflated > info.file_size or budget < 0:
                        raise PackageInvalid(
                            [_("%(file)s: inflates to more than the zip says.") % {"file": name}]
                        )
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError):
            raise PackageInvalid([_("%(file)s: the file is damaged.") % {"file": name}]) from None


def unpack(upload, inspection: Inspection, target: Path) -> None:
    """Write the checked files of ``upload`` into ``target`` (which must not exist): into a
    temporary directory first, renamed into place when every file is written; removed on
    any failure, so nothing half-unpacked is left behind."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming = target.parent / f".incoming-{uuid.uuid4().hex}"
    incoming.mkdir()
    root = incoming.resolve()
    budget = max_unpacked_bytes()
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            infos = {safe_name(i.filename): i for i in archive.infolist() if not i.is_dir()}
            for name in inspection.files:
                destination = (root / name).resolve()
                if root not in destination.parents:
                    raise PackageInvalid(
                        [_("%(file)s: the path leaves the package.") % {"file": name}]
                    )
                destination.parent.mkdir(parents=True, exist_ok=True)
                info = infos[name]
                written = 0
                with archive.open(info) as source, open(destination, "xb") as out:
                    while chunk := source.read(CHUNK):
                        written += len(chunk)
                        budget -= len(chunk)
                        if written > info.file_size or budget < 0:
                            raise PackageInvalid(
                                [
                                    _("%(file)s: inflates to more than the zip says.")
                                    % {"file": name}
                                ]
                            )
                        out.write(chunk)
        os.replace(incoming, target)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
