"""This site's own export format: one JSON document, written as a stream (one object per
line inside each list) and read back as one (blog.importers.site). The README's "Moving
out" section documents it."""

import io
import json

from blog.importers import site_data

FORMAT, VERSION = "foundation-blog", 1
SECTIONS = {
    "writers": site_data.writers, "tags": site_data.tags, "pictures": site_data.pictures,
    "posts": site_data.posts, "series": site_data.series, "redirects": site_data.redirects,
}  # fmt: skip


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write(raw) -> dict[str, int]:
    """The site as JSON into the binary stream `raw`; how many of each were written."""
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    out.write(f'{{\n"format":"{FORMAT}",\n"version":{VERSION},\n')
    out.write(f'"site":{dumps(site_data.site())}')
    counts = {}
    for key, rows in SECTIONS.items():
        out.write(f',\n"{key}":[')
        n = 0
        for row in rows():
            out.write(("," if n else "") + "\n" + dumps(row))
            n += 1
        out.write("\n]")
        counts[key] = n
    out.write("\n}\n")
    out.flush()
    out.detach()  # the stream is the caller's to close
    return counts
