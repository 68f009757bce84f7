"""Moving out: `manage.py export` and the admin's download write the site to one .zip
holding the data (site.json or site.xml) and media/<each picture's file name>, or to the
data file with a folder of pictures beside it."""

import csv
import io
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.storage import default_storage
from django.utils import timezone

from blog.importers import export_json, export_wxr, site_data
from blog.models import Image

FORMATS = {"json": "site.json", "wxr": "site.xml"}
WRITERS = {"json": export_json.write, "wxr": export_wxr.write}
# WXR has no place for redirects: they go beside it in the CSV that WordPress's
# Redirection plugin reads (Tools › Redirection › Import), its own export's columns.
REDIRECTS_CSV = "redirects.csv"
REDIRECTS_HEADER = ["source", "target", "regex", "code", "type", "hits", "title", "status"]


@dataclass
class Exported:
    data: Path
    media: Path | None  # the folder of pictures beside the data; None inside a zip
    counts: dict[str, int] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # pictures whose file is gone


def export_site(path: Path, fmt: str, *, as_zip: bool | None = None) -> Exported:
    """The site written to `path`: a .zip of the data (site.json or site.xml) and
    media/<each picture's name>, or the data file and `<stem>-media/` beside it. A
    name ending in .zip is a zip unless `as_zip` says otherwise."""
    write = WRITERS[fmt]
    names = Image.objects.order_by("pk").values_list("file", flat=True)
    if as_zip if as_zip is not None else path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            now = timezone.now().timetuple()[:6]
            data = zipfile.ZipInfo(FORMATS[fmt], now)
            data.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(data, "w", force_zip64=True) as raw:
                exported = Exported(path, None, write(raw))
            if fmt == "wxr":
                with archive.open(zipfile.ZipInfo(REDIRECTS_CSV, now), "w") as raw:
                    write_redirects(raw)

            def sink(name: str):
                # Pictures are compressed already: stored as they are.
                info = zipfile.ZipInfo(f"media/{name}", now)
                return archive.open(info, "w", force_zip64=True)

            exported.missing = _copy(names.iterator(chunk_size=500), sink)
        return exported
    media = path.with_name(f"{path.stem}-media")
    with path.open("wb") as raw:
        exported = Exported(path, media, write(raw))
    if fmt == "wxr":
        with path.with_name(f"{path.stem}-{REDIRECTS_CSV}").open("wb") as raw:
            write_redirects(raw)

    def sink(name: str):
        target = media.joinpath(*Path(name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target.open("wb")

    exported.missing = _copy(names.iterator(chunk_size=500), sink)
    return exported


def write_redirects(raw) -> None:
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    rows = csv.writer(out)
    rows.writerow(REDIRECTS_HEADER)
    for redirect in site_data.redirects():
        rows.writerow(
            [redirect["old_path"], redirect["new_path"], 0, 301, "url", redirect["hits"], "",
             "active"]
        )  # fmt: skip
    out.flush()
    out.detach()


def _copy(names, sink) -> list[str]:
    missing = []
    for name in names:
        try:
            source = default_storage.open(name)
        except FileNotFoundError:
            missing.append(name)  # the row stays in the data; its file was lost here
            continue
        with source, sink(name) as out:
            shutil.copyfileobj(source, out, 1024 * 1024)
    return missing
