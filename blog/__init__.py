"""The foundation's blog: Django's places at this level, one package per concern beside them."""
