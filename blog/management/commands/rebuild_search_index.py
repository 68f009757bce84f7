from django.core.management.base import BaseCommand

from blog.public.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the search text of every post. The site keeps it up to date by itself; "
        "this is for posts changed outside Django (SQL by hand, a restored table)."
    )

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(f"Search index rebuilt for {count} post{'s' if count != 1 else ''}.")
