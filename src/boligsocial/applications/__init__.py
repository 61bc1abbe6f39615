"""The pre-qualification application (prækvalifikationsansøgning), assembled from the data the
system holds and rendered as a tagged PDF and an XLSX of its tables (docs/decisions/0022)."""
