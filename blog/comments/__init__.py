"""Readers' comments: forms, moderation rules, antispam, reply mail and the writes."""
