"""The admin's "Export the site" downloads: each is prepared by the tasks worker (a large
site's pictures take longer than a request may) into a private folder, and the folder is
the whole state: `<name>.part` while it is written, `<name>` when ready, `<name>.failed`
(holding the reason) if it could not be written. No database row, nothing to migrate."""

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.text import slugify

from blog.importers.export import FORMATS, export_site

logger = logging.getLogger(__name__)
NAME = re.compile(r"^[a-z0-9-]+-\d{8}-\d{6}-(json|wxr)\.zip$")


def folder() -> Path:
    # Beside the uploaded imports: private, never under MEDIA_ROOT (emails, drafts).
    return Path(settings.IMPORTS_ROOT) / "exports"


@dataclass(frozen=True)
class Download:
    name: str
    format: str
    state: str  # "preparing", "ready" or "failed"
    size: int
    at: datetime
    reason: str = ""


def downloads() -> list[Download]:
    found = []
    root = folder()
    if not root.is_dir():
        return found
    for path in root.iterdir():
        name, state = path.name, "ready"
        for suffix, marked in ((".part", "preparing"), (".failed", "failed")):
            if name.endswith(suffix):
                name, state = name.removesuffix(suffix), marked
        match = NAME.match(name)
        if not match or (state == "preparing" and (root / name).exists()):
            continue
        stat = path.stat()
        reason = path.read_text(encoding="utf-8")[:500] if state == "failed" else ""
        found.append(
            Download(
                name=name, format=match.group(1), state=state, size=stat.st_size,
                at=datetime.fromtimestamp(stat.st_mtime, tz=timezone.get_current_timezone()),
                reason=reason,
            )
        )  # fmt: skip
    return sorted(found, key=lambda d: d.at, reverse=True)


def ready_path(name: str) -> Path | None:
    """The ready file of that name, or None: only names this module makes are read."""
    path = folder() / name
    return path if NAME.match(name) and path.is_file() else None


def start_download(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    name = f"{slugify(settings.SITE_NAME) or 'site'}-{stamp}-{fmt}.zip"
    folder().mkdir(parents=True, exist_ok=True)
    (folder() / f"{name}.part").touch()
    transaction.on_commit(partial(prepare_download.enqueue, name, fmt))
    return name


def delete_download(name: str) -> None:
    if NAME.match(name):
        for suffix in ("", ".part", ".failed"):
            (folder() / f"{name}{suffix}").unlink(missing_ok=True)


@task
def prepare_download(name: str, fmt: str) -> str:
    if not NAME.match(name):
        return "refused"
    part = folder() / f"{name}.part"
    try:
        export_site(part, fmt, as_zip=True)
    except Exception as error:
        logger.exception("export %s failed", name)
        part.unlink(missing_ok=True)
        (folder() / f"{name}.failed").write_text(f"{type(error).__name__}: {error}")
        return "failed"
    part.rename(folder() / name)
    return "ready"
