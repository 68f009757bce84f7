from django.db import models


class ImportedItem(models.Model):
    """Where an imported post, writer, tag, picture or comment came from: its source (the
    old site) and its id there. A second run of the same export finds it here and updates
    it instead of making another."""

    class Kind(models.TextChoices):
        POST = "post"
        WRITER = "writer"
        TAG = "tag"
        PICTURE = "picture"
        COMMENT = "comment"

    source = models.CharField(max_length=300)  # "wordpress:https://old.example.org"
    kind = models.CharField(max_length=10, choices=Kind)
    source_id = models.CharField(max_length=200)
    object_id = models.PositiveBigIntegerField()
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "source_id"], name="imported_item_unique"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.source_id} from {self.source}"
