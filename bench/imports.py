"""How long a WordPress import takes and how much memory it holds, as the number of posts
grows: a generated WXR of N posts (about 10 KB each, with comments and tags, as a
foundation's blog has) and WordPress's theme test data, each imported by
`manage.py import wordpress` into a new, migrated database, in a child process whose
peak resident memory is read from the kernel (getrusage); then the site it made is
exported again (`manage.py export`, JSON and WXR, each a .zip), measured the same way.
The target (issue 19): memory flat in the number of posts, under 300 MB at 10,000 posts,
for both.

    .venv/bin/python bench/imports.py                  # 1,000 and 10,000 posts, SQLite
    .venv/bin/python bench/imports.py --posts 2000     # one size
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_import .venv/bin/python bench/imports.py

Figures go to stdout as a Markdown table, for bench/HEADER.md (and so RESULTS.md)."""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THEME = ROOT.parent / "shared" / "fixtures" / "import" / "wordpress" / "theme-unit-test-data.xml"
PARAGRAPH = (
    "Young people from both sides of the river met again this spring, and the letters "
    "they had written all winter were read aloud, one after another, in two languages. "
)


def write_wxr(path: Path, posts: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel><title>Bench</title>'
            "<link>https://bench.example.org</link><wp:wxr_version>1.2</wp:wxr_version>"
            "<wp:base_site_url>https://bench.example.org</wp:base_site_url>\n"
        )
        for n in range(5):
            out.write(
                f"<wp:author><wp:author_login>writer{n}</wp:author_login>"
                f"<wp:author_display_name>Writer {n}</wp:author_display_name></wp:author>\n"
            )
        body = "\n\n".join([PARAGRAPH * 3] * 22)  # about 10 KB, classic: no <p>
        for n in range(1, posts + 1):
            comments = "".join(
                f"<wp:comment><wp:comment_id>{c}</wp:comment_id>"
                f"<wp:comment_author>Reader {c}</wp:comment_author>"
                f"<wp:comment_author_email>r{c}@example.org</wp:comment_author_email>"
                "<wp:comment_date_gmt>2020-01-02 10:00:00</wp:comment_date_gmt>"
                f"<wp:comment_content>Thank you for post {n}.</wp:comment_content>"
                "<wp:comment_approved>1</wp:comment_approved>"
                f"<wp:comment_parent>{c - 1 if c > 1 else 0}</wp:comment_parent></wp:comment>"
                for c in range(1, 4)
            )
            tags = "".join(
                f'<category domain="post_tag" nicename="tag-{t}"><![CDATA[Tag {t}]]></category>'
                for t in {n % 200, (n * 7) % 200}
            )
            out.write(
                f"<item><title>Post number {n}</title>"
                f"<link>https://bench.example.org/2020/01/02/post-{n}/</link>"
                f"<dc:creator>writer{n % 5}</dc:creator><wp:post_id>{n}</wp:post_id>"
                f"<wp:post_name>post-{n}</wp:post_name>"
                "<wp:post_date>2020-01-02 10:00:00</wp:post_date>"
                "<wp:post_date_gmt>2020-01-02 06:00:00</wp:post_date_gmt>"
                "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                f"{tags}<content:encoded><![CDATA[{body}]]></content:encoded>{comments}"
                "</item>\n"
            )
        out.write("</channel></rss>\n")


# A fresh process runs the import and reports its child's peak: ru_maxrss of children
# is the largest of any child a process ever waited for, so each import gets its own.
_PEAK = """
import resource, subprocess, sys
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(result.stderr)
print(result.stdout.splitlines()[1] if result.returncode == 0 else "failed")
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(result.returncode)
"""


MANAGE = [sys.executable, str(ROOT / "manage.py")]


def timed(command: list[str], env: dict) -> tuple[float, float, str]:
    """Seconds, peak MB and the second line of output of one manage.py command."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _PEAK, *MANAGE, *command],
        env=env, check=True, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    line, peak_kb = result.stdout.strip().splitlines()[-2:]
    return seconds, int(peak_kb) / 1024, line.strip()


def measure(export: Path, env: dict) -> tuple[float, float, str]:
    """Seconds, peak MB and the posts line of one import."""
    subprocess.run([*MANAGE, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*MANAGE, "createcachetable"], env=env, check=True, cwd=ROOT)
    return timed(["import", "wordpress", str(export), "-v0"], env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, action="append")
    args = parser.parse_args()
    sizes = args.posts or [1_000, 10_000]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cases = [("theme test data (58 posts)", THEME)] if THEME.exists() else []
        for posts in sizes:
            export = tmp / f"posts-{posts}.xml"
            write_wxr(export, posts)
            cases.append((f"generated, {posts:,} posts", export))
        for number, (label, export) in enumerate(cases):
            env = {**os.environ, "MEDIA_ROOT": str(tmp / "media"), "TASKS_BACKEND": "immediate"}
            url = os.environ.get("DATABASE_URL", "")
            if url.startswith("postgres"):
                subprocess.run(
                    [sys.executable, "-c", _RECREATE, url], check=True, cwd=ROOT, env=env
                )
            else:
                env["DATABASE_URL"] = f"sqlite:///{tmp / f'import-{number}.sqlite3'}"
            seconds, peak, posts_line = measure(export, env)
            size = export.stat().st_size / 1024 / 1024
            print(f"{label}: {posts_line}", file=sys.stderr)
            rows.append(f"| import {label} | {size:,.1f} MB | {seconds:,.1f} s | {peak:,.0f} MB |")
            for fmt in ("json", "wxr"):
                out = tmp / f"export-{number}-{fmt}.zip"
                seconds, peak, _ = timed(["export", "--format", fmt, str(out)], env)
                size = out.stat().st_size / 1024 / 1024
                rows.append(
                    f"| export it again, {fmt.upper()} .zip | {size:,.1f} MB | {seconds:,.1f} s "
                    f"| {peak:,.0f} MB |"
                )
    print("| case | file | time | peak memory |\n|---|---|---|---|")
    print("\n".join(rows))


_RECREATE = """
import sys
from urllib.parse import urlsplit, urlunsplit
import psycopg
parts = urlsplit(sys.argv[1])
name = parts.path.lstrip("/")
with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as c:
    c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    c.execute(f'CREATE DATABASE "{name}"')
"""

if __name__ == "__main__":
    main()
