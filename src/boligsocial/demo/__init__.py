"""The Aarhus demo data (`boligsocial demo`): real public facts from `data/aarhus_areas.csv`,
gaps filled from `data/illustrative.toml`, loaded through the services by `load.load_demo()`.
Not a Django app: it has no models."""
