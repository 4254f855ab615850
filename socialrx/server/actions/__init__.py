"""Every write: validate and authorise (check_*), then do it, audit it, enqueue follow-ups (do_*)."""


class ActionError(Exception):
    """A write that cannot be done as asked; the message is shown to the person as it is."""
