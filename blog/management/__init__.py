"""The command line: manage.py commands, and the demo site that loaddemo loads."""
