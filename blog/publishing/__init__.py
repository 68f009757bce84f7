"""Writing and publishing posts: picture renditions, revisions, previews, checks, writes."""
