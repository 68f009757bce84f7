from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from blog.importers.pictures import Fetcher, PictureSource
from blog.importers.records import ImportFileError
from blog.importers.sources import SOURCES
from blog.importers.writer import Importer


class Command(BaseCommand):
    help = (
        "Bring a blog in from another system: `manage.py import wordpress FILE.xml` reads "
        "WordPress's export (Tools › Export), `import ghost FILE.json` Ghost's (Settings › "
        "Labs › Export), `import wix FILE…` a Wix blog's feed, saved post pages and posts CSV. "
        "`import site FILE.zip` this site's own export (manage.py export). Run it again to "
        "update what changed; "
        "--dry-run writes nothing and reports what would happen."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", choices=sorted(SOURCES))
        parser.add_argument(
            "files", type=Path, nargs="+", metavar="FILE",
            help="The export file; for Wix, any mix of its feed, saved post pages and posts CSV.",
        )  # fmt: skip
        parser.add_argument(
            "--dry-run", action="store_true", help="Write nothing; report what would happen."
        )
        parser.add_argument(
            "--media", type=Path, metavar="DIR",
            help="A copy of the old site's files (wp-content/uploads, Ghost's content/images, "
            "downloaded Wix media): pictures are found there by their addresses' paths.",
        )  # fmt: skip
        parser.add_argument(
            "--language", metavar="CODE", default="",
            help="The language the posts are written in (one of LANGUAGES; default: the "
            "site's default), unless the file says per post (WordPress with Polylang, "
            "this site's own export).",
        )  # fmt: skip
        parser.add_argument(
            "--fetch-pictures", action="store_true",
            help="Fetch pictures not found in --media from their old public addresses "
            "(http and https only, 20 seconds and the upload size limit per file).",
        )  # fmt: skip

    def handle(
        self, *args, source, files, dry_run, media, fetch_pictures, language, **options
    ):  # fmt: skip
        codes = [code for code, _name in settings.LANGUAGES]
        if language and language not in codes:
            raise CommandError(
                f"--language {language}: the site's languages are {', '.join(codes)}."
            )
        if media is not None and not media.is_dir():
            raise CommandError(f"There is no folder at {media}.")
        for file in files:
            if not file.is_file():
                raise CommandError(f"There is no file at {file}.")
        file = files[0]
        try:
            export = SOURCES[source](files)
            # This site's own export brings its pictures (in its zip, or beside it).
            media = media or getattr(export, "media", None)
            pictures = None
            if media is not None or fetch_pictures:
                pictures = PictureSource(media, Fetcher() if fetch_pictures else None)
            importer = Importer(
                export.source, dry_run=dry_run, pictures=pictures, language=language
            )
            records = tqdm(
                export.records(), desc="Importing", unit=" items", file=self.stderr._out,
                disable=options["verbosity"] == 0,
            )  # fmt: skip
            report = importer.run(r for r in records)
        except ImportFileError as error:
            # Wix reads several files and its messages name the one at fault.
            named = any(str(error).startswith(f.name) for f in files)
            raise CommandError(str(error) if named else f"{file.name}: {error}") from error
        heading = "Would import (dry run, nothing written):" if dry_run else "Imported:"
        self.stdout.write(self.style.SUCCESS(heading))
        for line in report.lines():
            self.stdout.write(f"  {line}")
        for note in report.notes:
            self.stdout.write(f"  - {note}")
