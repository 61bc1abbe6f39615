"""The demo's money (issue 10, docs/decisions/0032): budgets, omplaceringer, yearly accounts and
reports to LBF, LBF's instalments and frame bookings, for the Aarhus demo (through the apps'
services, from `demo/data/money.toml`, all illustrative) and for the synthetic national
installation (bulk-written, fictional).

Modules: `data` (reads money.toml), `lines` (a demo plan's budget lines as plain values),
`national_data` and `national` (the national installation's money: plain values, then the
bulk writes)."""
