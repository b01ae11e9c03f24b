# Django's own mn formats are thin (12-hour time, zodiac "alt. month" names, no grouping); see docs/glossary.md.
DATE_FORMAT = "Y.m.d"
SHORT_DATE_FORMAT = "Y.m.d"
DATETIME_FORMAT = "Y.m.d H:i"
SHORT_DATETIME_FORMAT = "Y.m.d H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "m.d"
YEAR_MONTH_FORMAT = "Y.m"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%Y.%m.%d", "%Y-%m-%d", "%Y/%m/%d"]
DATETIME_INPUT_FORMATS = ["%Y.%m.%d %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
