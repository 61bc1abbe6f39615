"""English dates the way they are written in Britain and in Danish institutions' English
texts: "1 July 2024", not Django's American default "July 1, 2024" and never the Danish
"1. July 2024"."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
MONTH_DAY_FORMAT = "j F"
