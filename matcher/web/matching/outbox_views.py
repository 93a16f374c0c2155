"""The outbox page (coordinators only: recipients' addresses are personal data): queued, sent
and failed messages with their attempts and last error; a failed message can be sent again."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user

from matcher import jobs
from matcher.models.matching_extras import OutboxStatus
from matcher.services import outbox as outbox_service
from matcher.web import boundary, messages
from matcher.web.matching import bp
from matcher.web.matching.forms import OutboxFilterForm, ResendForm
from matcher.web.matching.wording import OUTBOX_BADGE, OUTBOX_STATUS


def _moment(at) -> str:
    return format_datetime(at, "d MMM yyyy, HH:mm") if at else ""


@bp.route("/uitgaande-mail")
def outbox():
    form = OutboxFilterForm(request.args)
    chosen = form.status.data if form.validate() and form.status.data else None
    box = outbox_service.listing(OutboxStatus(chosen) if chosen else None)
    return render_template(
        "matching/outbox.html",
        form=form,
        box=box,
        chosen=chosen,
        resend_form=ResendForm(),
        mail_server=bool(current_app.config["MAIL_SERVER"]),
        status_label=lambda v: OUTBOX_STATUS.get(str(v), v),
        badge_kind=lambda v: OUTBOX_BADGE.get(str(v), "warning"),
        moment=_moment,
    )


@bp.post("/uitgaande-mail/opnieuw")
def resend():
    form = ResendForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        outbox_service.resend(current_user, form.message_id.data)
    except outbox_service.NotFailed as error:
        boundary.discard()
        flash(messages.render(error), "error")
        return redirect(url_for(".outbox", status="failed"))
    boundary.after_commit(jobs.deliver_mail)
    if current_app.config["MAIL_SERVER"]:
        flash(_("Het bericht staat weer in de wachtrij en wordt zo verstuurd."), "success")
    else:
        flash(
            _(
                "Het bericht staat weer in de wachtrij; de mailserver is niet ingesteld, dus het"
                " wacht."
            ),
            "success",
        )
    return redirect(url_for(".outbox"))
