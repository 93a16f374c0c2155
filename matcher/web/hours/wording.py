"""What a bulk approval says: approved now, already approved, decided otherwise meanwhile."""

from flask import flash
from flask_babel import format_date, ngettext
from flask_babel import gettext as _

from matcher.services.hours import Bulk
from matcher.web import messages


def bulk_report(done: Bulk) -> None:
    """Flash the outcome: one line for the approved, one for those already approved, and one
    per entry someone else decided otherwise or corrected meanwhile."""
    if done.approved:
        flash(
            ngettext(
                "%(num)d regel goedgekeurd.", "%(num)d regels goedgekeurd.", len(done.approved)
            ),
            "success",
        )
    if done.already:
        flash(
            ngettext(
                "%(num)d regel was al goedgekeurd; er is niets dubbel beoordeeld.",
                "%(num)d regels waren al goedgekeurd; er is niets dubbel beoordeeld.",
                len(done.already),
            ),
            "info",
        )
    for entry, problem in done.refused:
        flash(
            _(
                "%(name)s, %(date)s: %(reason)s",
                name=entry.participant.first_name,
                date=format_date(entry.entry_date, format="d MMM yyyy"),
                reason=messages.render(problem),
            ),
            "error",
        )
