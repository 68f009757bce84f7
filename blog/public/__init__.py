"""What public pages are made of: SEO, feeds, sitemaps, sharing, search, the page cache."""
