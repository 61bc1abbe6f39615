"""The demo's money (issue 10, docs/decisions/0032): budgets, omplaceringer, yearly accounts and
reports to LBF, LBF's instalments and frame bookings, for the Aarhus demo (through the apps'
services, from `demo/data/money.toml`, all illustrative) and for the synthetic national
installation (bulk-written, fictional).

Modules: `data` (reads money.toml), `lines` (a demo plan's budget lines as plain values),
`budgets` (budgets, grants, omplaceringer, the grants' frame bookings), `accounts` (reports and
instalments), `flows` (rent support, contributions to LBF, renovation support), `load`
(`load_money()`, called by `demo.load`); `national_data` and `national` (the national
installation's money: plain values, then the bulk writes, called by `demo.national.load`)."""
