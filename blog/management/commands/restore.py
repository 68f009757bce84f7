from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from blog.backups import RestoreError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a file made by `manage.py backup` into an empty database (it is migrated "
        "first) and the media folder; the search index is rebuilt."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup-<time>.tar.gz file.")

    def handle(self, *args, backup, **options):
        if not backup.is_file():
            raise CommandError(f"No such backup file: {backup}")
        call_command("migrate", verbosity=0, interactive=False)
        try:
            restored = restore_backup(backup)
        except RestoreError as error:
            raise CommandError(str(error)) from None
        posts = restored.get("blog.post", 0)
        comments = restored.get("blog.comment", 0)
        self.stdout.write(self.style.SUCCESS(
            f"Restored {sum(restored.values())} rows ({posts} posts, {comments} comments) "
            f"and the media from {backup}"
        ))  # fmt: skip
