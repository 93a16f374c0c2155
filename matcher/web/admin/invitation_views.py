"""The admin's view of open invitations to the volunteer portal, and ending one."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.services import account_links
from matcher.web import boundary
from matcher.web.admin import bp
from matcher.web.admin.forms import ConfirmForm


@bp.get("/uitnodigingen")
def invitations():
    return render_template(
        "admin/invitations.html", links=account_links.open_invitations(), form=ConfirmForm()
    )


@bp.post("/uitnodigingen/<int:link_id>/beeindigen")
def end_invitation(link_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    boundary.back_to(url_for("admin.invitations"))
    account_links.revoke(link_id, current_user)
    flash(_("De uitnodiging is beëindigd; de link werkt niet meer."), "success")
    return redirect(url_for("admin.invitations"))
