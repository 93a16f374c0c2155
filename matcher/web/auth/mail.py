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


def password_reset(user: User, url: str) -> None:
    """The reset link, in the account's language (Dutch when none is set)."""
    with force_locale(user.locale or "nl"):
        subject = _("Nieuw wachtwoord voor matcher")
        body = _(
            "Beste %(name)s,\n\nU (of iemand anders) vroeg een nieuw wachtwoord aan voor uw"
            " matcher-account. Kies hier een nieuw wachtwoord; de link werkt één keer en een"
            " uur lang:\n\n%(url)s\n\nHeeft u dit niet gevraagd? Dan hoeft u niets te doen: uw"
            " wachtwoord blijft hetzelfde.",
            name=first_name(user.name),
            url=url,
        )
    notifications.enqueue(user.email, subject, body)


def invitation(user: User, url: str, coordinator: User) -> None:
    """The invitation to the volunteer portal, with the coordinator to ask."""
    with force_locale(user.locale or "nl"):
        subject = _("Uitnodiging voor het vrijwilligersportaal van matcher")
        body = _(
            "Beste %(name)s,\n\n%(coordinator)s nodigt u uit voor het vrijwilligersportaal van"
            " matcher. Daar geeft u door wanneer u kunt, ziet u met wie u bent gekoppeld en"
            " meldt u uw bijeenkomsten.\n\nKies hier uw wachtwoord; de link werkt één keer en"
            " zeven dagen lang:\n\n%(url)s\n\nVragen? Mail %(coordinator)s: %(email)s.",
            name=first_name(user.name),
            coordinator=coordinator.name,
            email=coordinator.email,
            url=url,
        )
    notifications.enqueue(user.email, subject, body)
