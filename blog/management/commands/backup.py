from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from blog.operations.backups import create_backup


class Command(BaseCommand):
    help = (
        "Save the database (as JSON that restores on SQLite or PostgreSQL) and the uploaded "
        "pictures into one backup-<time>.tar.gz. Run it daily from cron; keep copies off "
        "this machine."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, default=Path(settings.BASE_DIR) / "backups",
            help="Folder for the backup file (default: backups/).",
        )  # fmt: skip

    def handle(self, *args, output, **options):
        target = create_backup(output)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
