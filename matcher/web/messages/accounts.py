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
}
