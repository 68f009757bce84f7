from django.core.management.base import BaseCommand

from blog.readership.services import fold_past_views


class Command(BaseCommand):
    help = (
        "Fold past days' per-visitor view rows into daily totals and delete them, so view "
        "deduplication keeps nothing older than a day. Run daily (see README, 'Views')."
    )

    def handle(self, *args, **options):
        folded = fold_past_views()
        self.stdout.write(f"Folded {folded} post-day total(s).")
