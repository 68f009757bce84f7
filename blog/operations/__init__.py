"""Running the site: backups, logs, the Redis cache, security headers, two-factor sign-in."""
