"""Imports started from the admin's Import page, in the tasks worker: first a dry run
(the preview), then, when the editor starts it, the import itself. Progress is written to
the ImportRun row as the items go by, so the page shows it after any reload, and a run
stopped halfway (a restart, a crash) is simply run again: the writer finds what it made."""

import logging
import time
from functools import partial
from pathlib import Path

from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from blog.importers.pictures import Fetcher, PictureSource
from blog.importers.records import ImportFileError, Report
from blog.importers.sources import SOURCES
from blog.importers.writer import Importer
from blog.models import ImportRun

logger = logging.getLogger(__name__)
PROGRESS_SECONDS = 1.0  # how often the row is updated while items go by
NO_PICTURES_NOTE = "Pictures stay at their old addresses"


def start_preview(run: ImportRun) -> None:
    """After an upload: check the file with a dry run, outside the request."""
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.CHECKING, error="")
    transaction.on_commit(partial(preview_import.enqueue, run.pk))


def start_import(run: ImportRun) -> bool:
    """The editor pressed Start (or Run again): queued once, however often it is pressed."""
    allowed = [ImportRun.Status.READY, ImportRun.Status.DONE, ImportRun.Status.FAILED]
    queued = ImportRun.objects.filter(pk=run.pk, status__in=allowed).update(
        status=ImportRun.Status.QUEUED, done=0, error=""
    )
    if queued:
        transaction.on_commit(partial(run_import.enqueue, run.pk))
    return bool(queued)


def _as_dict(report: Report) -> dict:
    return {"lines": report.lines(), "notes": report.notes}


def _read(run: ImportRun, *, dry_run: bool) -> tuple[Report, int]:
    path = Path(run.file.path)
    export = SOURCES[run.source]([path])
    # This site's own export brings its pictures; the preview fetches nothing.
    media = getattr(export, "media", None)
    fetcher = Fetcher() if run.fetch_pictures and not dry_run else None
    pictures = PictureSource(media, fetcher) if media or fetcher else None
    importer = Importer(
        export.source, dry_run=dry_run, pictures=pictures, language=run.language
    )
    seen, last = 0, time.monotonic()

    def counted(records):
        nonlocal seen, last
        for record in records:
            yield record
            seen += 1
            if not dry_run and time.monotonic() - last > PROGRESS_SECONDS:
                ImportRun.objects.filter(pk=run.pk).update(done=seen)
                last = time.monotonic()

    report = importer.run(counted(export.records()))
    return report, seen


def _failed(run_id: int, message: str) -> None:
    ImportRun.objects.filter(pk=run_id).update(
        status=ImportRun.Status.FAILED, error=message, finished_at=timezone.now()
    )


@task
def preview_import(run_id: int) -> str:
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None:
        return "gone"
    try:
        report, total = _read(run, dry_run=True)
    except ImportFileError as error:
        _failed(run_id, str(error))
        return "failed"
    except Exception:
        logger.exception("import preview %s failed", run_id)
        _failed(run_id, _("Something went wrong while reading the file; it is in the log."))
        return "failed"
    preview = _as_dict(report)
    if run.fetch_pictures:  # the dry run fetches nothing; the import will
        preview["notes"] = [n for n in preview["notes"] if not n.startswith(NO_PICTURES_NOTE)]
        preview["notes"].append(_("Pictures will be fetched from their old addresses."))
    ImportRun.objects.filter(pk=run_id).update(
        status=ImportRun.Status.READY, preview=preview, total=total
    )
    return "ready"


@task
def run_import(run_id: int) -> str:
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None:
        return "gone"
    ImportRun.objects.filter(pk=run_id).update(
        status=ImportRun.Status.RUNNING, started_at=timezone.now(), finished_at=None
    )
    try:
        report, seen = _read(run, dry_run=False)
    except ImportFileError as error:
        _failed(run_id, str(error))
        return "failed"
    except Exception:
        logger.exception("import %s failed", run_id)
        _failed(
            run_id,
            _(
                "The import stopped with an error (it is in the log). What came in so far "
                "is kept; run it again to finish."
            ),
        )
        return "failed"
    ImportRun.objects.filter(pk=run_id).update(
        status=ImportRun.Status.DONE, report=_as_dict(report), done=seen,
        total=max(seen, run.total), finished_at=timezone.now(),
    )  # fmt: skip
    return "done"
