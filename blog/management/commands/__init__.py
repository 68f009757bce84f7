"""manage.py commands: the demo, backups and restore, and the daily upkeep jobs."""
