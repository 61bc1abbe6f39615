"""API views, one module per domain app. Reads use the selectors, limited to what the user may
read (`accounts.selectors`); writes call the services and nothing else."""
