"""Wording of account administration: e-mail addresses, the password policy, own account."""

from flask_babel import lazy_gettext as _l

CATALOGUE = {
    "email_taken": _l("Er bestaat al een account met dit e-mailadres."),
    "password_too_short": _l("Het wachtwoord moet minstens 10 tekens hebben."),
    "password_too_long": _l("Het wachtwoord mag hoogstens 200 tekens hebben."),
    "password_like_email": _l("Het wachtwoord mag niet (een deel van) het e-mailadres zijn."),
    "password_too_common": _l("Dit wachtwoord is te gangbaar en makkelijk te raden."),
    "password_unusable": _l("Dit wachtwoord kan niet worden gebruikt."),
    "own_account": _l("Uw eigen account kunt u hier niet wijzigen of deactiveren."),
    # one-time links (services/account_links.py, services/invitations.py)
    "account_link.not_usable": _l(
        "Deze link werkt niet meer: hij is verlopen, al gebruikt of ingetrokken."
    ),
    "invitation.no_email": _l("Vul eerst een e-mailadres in: de uitnodiging gaat per e-mail."),
    "invitation.has_account": _l(
        "Deze vrijwilliger heeft al een account met een wachtwoord. Is het wachtwoord"
        " vergeten? Dan kan de vrijwilliger op de inlogpagina een nieuw aanvragen."
    ),
    "invitation.account_inactive": _l(
        "Het account van deze vrijwilliger is gedeactiveerd; de beheerder kan het activeren."
    ),
    "invitation.no_contact": _l("Kies eerst een contactpersoon voor deze plek en sla de plek op."),
    "invitation.email_other_role": _l(
        "Dit e-mailadres hoort bij een account dat geen vrijwilligersaccount is."
    ),
    "invitation.email_other_volunteer": _l(
        "Dit e-mailadres hoort al bij het account van een andere vrijwilliger."
    ),
}
