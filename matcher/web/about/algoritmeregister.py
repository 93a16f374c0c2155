"""The Algoritmeregister record (publication standard v1.0 field names): what matcher can say
about itself is filled in; what only the organisation can decide or knows is left empty."""

from flask_babel import gettext as _

STANDARD_VERSION = "1.0"
# Every field of the standard v1.0, in its order.
FIELDS = (
    "name", "description_short", "organization", "category", "status", "begin_date", "end_date",
    "contact_email", "website", "publication_category", "url", "goal", "proportionality",
    "human_intervention", "risks", "lawful_basis", "lawful_basis_grouping", "process_index_url",
    "impacttoetsen_grouping", "impacttoetsen", "source_data", "source_data_grouping",
    "methods_and_models", "provider", "publiccode", "lang", "standard_version", "source_id",
    "tags", "lars",
)  # fmt: skip
LISTS = {"category", "lawful_basis_grouping", "impacttoetsen_grouping", "source_data_grouping"}


def _lines(items) -> str:
    return "\n".join(f"- {item}" for item in items)


def record(words: dict, config) -> dict:
    """The register record; `words` is web/about's explanation in Dutch."""
    goals = [f"{n}. {title}: {text}" for n, title, text in words["goals"]]
    rules = [f"{code}: {text}" for code, text in words["rules"]]
    filled = {
        "name": _("Wekelijks koppelen van inburgeraars aan vrijwilligerswerk"),
        "description_short": _(
            "matcher stelt elke week voor wie waar vrijwilligerswerk doet en wie een taalmaatje "
            "of buddy krijgt. Een coördinator bekijkt elk voorstel en beslist."
        ),
        "organization": config["ORGANISATION_NAME"],
        "category": ["Migratie en integratie", "Werk"],
        "contact_email": config["ORGANISATION_EMAIL"],
        "website": config["ORGANISATION_WEBSITE"],
        "publication_category": "Impactvolle algoritmes",
        "goal": _(
            "Inburgeraars op de Z-route moeten elke week uren meedoen. matcher helpt de "
            "coördinator om voor iedereen een passende plek te vinden. De doelen, in deze "
            "volgorde:"
        )
        + "\n"
        + _lines(goals),
        "human_intervention": _(
            "Elk voorstel wordt door een coördinator geaccepteerd of afgewezen. Er wordt niets "
            "verstuurd voordat de coördinator de ronde bevestigt. De coördinator kan koppelingen "
            "vastzetten en zelf koppelingen maken."
        ),
        "risks": _lines(words["limits"]),
        "source_data": _("Uit het profiel van de deelnemer gebruikt matcher:")
        + "\n"
        + _lines(words["used"])
        + "\n"
        + _("Nooit gebruikt:")
        + "\n"
        + _lines(words["never_used"] + words["never_stored"]),
        "methods_and_models": _(
            "Wiskundige optimalisatie (OR-Tools CP-SAT), niet zelflerend. Harde regels:"
        )
        + "\n"
        + _lines(rules)
        + "\n"
        + _(
            "De doelen gelden strikt na elkaar. Rekentijd per ronde: %(seconds)s seconden.",
            seconds=words["time_limit"],
        ),
        "lang": "nld",
        "standard_version": STANDARD_VERSION,
    }
    return {name: filled.get(name, [] if name in LISTS else "") for name in FIELDS}
