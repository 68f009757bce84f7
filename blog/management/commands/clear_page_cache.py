from django.core.management.base import BaseCommand

from blog.public import pagecache


class Command(BaseCommand):
    help = (
        "Forget every cached page (blog/public/pagecache.py). Run after deploying new code: "
        "pages cached by the old templates would otherwise live out PAGE_CACHE_SECONDS."
    )

    def handle(self, *args, **options):
        pagecache.invalidate()
        self.stdout.write("Cached pages forgotten: the next reader of each page renders it.")
