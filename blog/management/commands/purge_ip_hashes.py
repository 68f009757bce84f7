from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from blog.models import Comment


class Command(BaseCommand):
    help = (
        "Erase the hashed IP addresses of comments older than COMMENT_IP_RETENTION_DAYS. "
        "Run it daily (see README, 'Privacy')."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.COMMENT_IP_RETENTION_DAYS)
        count = Comment.objects.filter(created_at__lt=cutoff).exclude(ip_hash="").update(ip_hash="")
        self.stdout.write(
            f"Erased the IP hashes of {count} comment(s) older than {cutoff:%Y-%m-%d}."
        )
