from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from blog.operations.backups import RestoreError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a file made by `manage.py backup` into an empty database (it is migrated "
        "first, and given its cache table) and the media folder; the search index is rebuilt."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup-<time>.tar.gz file.")

    def handle(self, *args, backup, **options):
        if not backup.is_file():
            raise CommandError(f"No such backup file: {backup}")
        call_command("migrate", verbosity=0, interactive=False)
        # Saving the restored posts forgets cached pages. With the database's cache (no
        # REDIS_URL) its table must exist first: a new database has none, and the restore
        # ended in a traceback with all its data in. A no-op for other caches.
        call_command("createcachetable", verbosity=0)
        try:
            restored = restore_backup(backup)
        except RestoreError as error:
            raise CommandError(str(error)) from None
        posts = restored.get("blog.post", 0)
        comments = restored.get("blog.comment", 0)
        counts = ", ".join([
            ngettext("%d post", "%d posts", posts) % posts,
            ngettext("%d comment", "%d comments", comments) % comments,
        ])  # fmt: skip
        self.stdout.write(self.style.SUCCESS(
            f"Restored {sum(restored.values())} rows ({counts}) and the media from {backup}"
        ))  # fmt: skip
