"""Moving in and out: a reader per source, one writer, the exports and the Import page's runs."""
