"""English date formats: one weekday-month-day-year form and 24-hour times, on every page."""

DATE_FORMAT = "D M j, Y"
DATETIME_FORMAT = "D M j, Y H:i"
SHORT_DATE_FORMAT = "D M j, Y"
SHORT_DATETIME_FORMAT = "D M j, Y H:i"
TIME_FORMAT = "H:i"
