from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from blog.importers.records import ImportFileError
from blog.importers.wordpress import WordPressExport
from blog.importers.writer import Importer

SOURCES = {"wordpress": WordPressExport}


class Command(BaseCommand):
    help = (
        "Bring a blog in from another system: `manage.py import wordpress FILE.xml` reads "
        "WordPress's export (Tools › Export). Run it again to update what changed; "
        "--dry-run writes nothing and reports what would happen."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", choices=sorted(SOURCES))
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Write nothing; report what would happen."
        )

    def handle(self, *args, source, file, dry_run, **options):
        if not file.is_file():
            raise CommandError(f"There is no file at {file}.")
        try:
            export = SOURCES[source](file)
            importer = Importer(export.source, dry_run=dry_run)
            records = tqdm(
                export.records(), desc="Importing", unit=" items", file=self.stderr._out,
                disable=options["verbosity"] == 0,
            )  # fmt: skip
            report = importer.run(r for r in records)
        except ImportFileError as error:
            raise CommandError(f"{file.name}: {error}") from error
        heading = "Would import (dry run, nothing written):" if dry_run else "Imported:"
        self.stdout.write(self.style.SUCCESS(heading))
        for line in report.lines():
            self.stdout.write(f"  {line}")
        for note in report.notes:
            self.stdout.write(f"  - {note}")
