"""The week card page: phone-sized on screen, A4 or A5 on paper (its print stylesheet)."""

from flask import current_app, render_template
from flask_login import current_user

from matcher.services import access, week_plan
from matcher.web import params
from matcher.web.weekcard import bp, catalogue, content
from matcher.web.weekcard.qr import qr_svg

PAPERS = ("a4", "a5")


@bp.route("/<int:participant_id>/weekkaart")
def card(participant_id: int):
    participant = access.get_participant(current_user, participant_id)
    week, (previous_week, next_week) = params.arg_week()
    paper = params.arg_choice("papier", PAPERS, "a4")
    entries = week_plan.participant_week(participant.id, week)
    return render_template(
        "weekcard/card.html",
        participant=participant,
        card=content.week_card(participant, week, entries, current_app.config["ROUTE_URL"]),
        nl=catalogue.dutch(),
        other=catalogue.beside_dutch(participant.card_language),
        paper=paper,
        papers=PAPERS,
        previous_week=previous_week,
        next_week=next_week,
        qr_svg=qr_svg,
        clock=content.clock,
        dutch_date=content.dutch_date,
        week_span=content.week_span,
    )
