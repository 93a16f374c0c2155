"""The audit trail for admins: who viewed or changed which participant, when, with what result
and from where; the hash chain's last check (and a button to check now); failed-login spikes.
The trail itself is read-only."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matcher.services import audit_checks, privacy
from matcher.web.admin import bp
from matcher.web.admin.forms import ACTION_LABELS, AuditFilterForm, VerifyForm

PER_PAGE = 100
RESULT_LABELS = {"done": _l("gelukt"), "refused": _l("geweigerd")}
CHAIN_PROBLEMS = {
    "changed": _l("de inhoud is veranderd na het vastleggen"),
    "link": _l("de verwijzing naar de vorige gebeurtenis klopt niet"),
    "missing": _l("gebeurtenissen ervoor ontbreken"),
    "tail": _l("gebeurtenissen aan het eind ontbreken"),
}


@bp.route("/audit")
def audit_trail():
    form = AuditFilterForm(request.args)
    valid = form.validate()
    filters = privacy.AuditFilter(
        participant_id=form.participant.data,
        actor=form.actor.data or "",
        action=form.action.data or "",
        date_from=form.date_from.data,
        date_to=form.date_to.data,
    )
    page = (form.page.data or 1) if valid else 1
    events, total = privacy.search_audit(
        filters if valid else privacy.AuditFilter(), page, PER_PAGE
    )
    per_account, per_origin = audit_checks.failed_logins()
    return render_template(
        "admin/audit.html",
        verification=audit_checks.last_verification(),
        verify_form=VerifyForm(),
        chain_problems=CHAIN_PROBLEMS,
        result_labels=RESULT_LABELS,
        failed_per_account=per_account,
        failed_per_origin=per_origin,
        form=form,
        events=events,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        action_labels=ACTION_LABELS,
        format_datetime=format_datetime,
    )


@bp.post("/ketencontrole")
def verify_chain():
    if VerifyForm().validate_on_submit():
        check, _verification = audit_checks.verify_and_store("admin")  # the boundary commits
        if check.intact:
            flash(_("De auditketen is gecontroleerd en klopt."), "success")
        else:
            flash(_("De auditketen is gebroken. Zie hieronder waar."), "error")
    return redirect(url_for("admin.audit_trail"))
