"""Template tags: public pages, comment threads, pictures and the admin's extras."""
