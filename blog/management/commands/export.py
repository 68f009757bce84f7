from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.importers.export import FORMATS, export_site


class Command(BaseCommand):
    help = (
        "Write the whole site to FILE: every post (all statuses), writer, tag, picture, "
        "comment and redirect, and the view totals. FILE.zip holds the data and the "
        "pictures; any other name gets the data, with the pictures in FILE-media/ beside it. "
        "--format json (this site's own, read back by `manage.py import site`) or wxr "
        "(WordPress's, read by WordPress's importer). It holds commenters' email addresses: "
        "keep it as private as the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument("--format", choices=sorted(FORMATS), default="json")

    def handle(self, *args, file, format, **options):
        if not file.parent.is_dir():
            raise CommandError(f"There is no folder {file.parent} to write {file.name} into.")
        exported = export_site(file, format)
        self.stdout.write(self.style.SUCCESS(f"Exported to {file}:"))
        for kind, n in exported.counts.items():
            self.stdout.write(f"  {kind}: {n}")
        if exported.media:
            self.stdout.write(f"  pictures' files in {exported.media}")
        for name in exported.missing:
            self.stdout.write(f"  - the file of picture {name} is missing: its details are kept")
