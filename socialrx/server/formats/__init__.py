"""The house date formats, used wherever a template shows a date or time without a format of its own."""
