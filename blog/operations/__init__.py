"""Running the site: backups, logs, the Redis cache, security, two-factor sign-in, safe fetching."""
