"""Moving in: one module per source (WordPress, ...) turning exports into records, one writer."""
