"""A plan's yearly accounts and reports to LBF on the internal pages (docs/decisions/0029):
`pages` (the plan's accounts, one year's report, its PDF, every report due across plans) and
`writes` (the forms that change a report, submit it and record LBF's decision)."""
