"""English dates: day, abbreviated month, year ("22 Jun 2027"), the international order that
field offices read without confusing day and month; times on the 24-hour clock."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
