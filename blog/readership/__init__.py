"""Who reads what, tracking no one: view counts, readers' addresses, the dashboard charts."""
