"""What stored content may be: the HTML allowlist, slugs, reading time, picture file checks."""
