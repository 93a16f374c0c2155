"""The e-mail that tells an account holder of a login after refused attempts (worded here,
queued through the outbox in the login's transaction)."""

from flask_babel import force_locale
from flask_babel import gettext as _

from matcher.models import User
from matcher.services import notifications
from matcher.web.matching.mail import first_name


def warn_after_refused_logins(user: User, refused: int) -> None:
    """Queue the warning in the account's language (Dutch when none is set)."""
    with force_locale(user.locale or "nl"):
        subject = _("Ingelogd na mislukte pogingen")
        greeting = _("Beste %(name)s,", name=first_name(user.name))
        body = _(
            "Er is zojuist ingelogd op uw matcher-account. Daarvoor mislukten %(count)s pogingen"
            " om in te loggen.\n\nWas u dat zelf? Dan hoeft u niets te doen.\nWas u dat niet?"
            " Verander dan meteen uw wachtwoord en neem contact op met de beheerder.",
            count=refused,
        )
    notifications.enqueue(user.email, subject, f"{greeting}\n\n{body}")
