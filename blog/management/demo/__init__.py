"""The demo site that `manage.py loaddemo` loads: writers, posts and comments, as data files."""
