"""The words of "Hoe matcher koppelt", the statements and the inventory (B1-level Dutch; the
English is in the translations). The facts they describe come from services/register.py and
services/inventory.py; a text here names a goal, rule, field or code, never a number."""

from flask_babel import lazy_gettext as _l

GOAL_TITLES = {
    "at_minimum": _l("Zoveel mogelijk mensen halen hun uren"),
    "shortfall": _l("Wie achterloopt, gaat voor"),
    "volunteers": _l("Wie een taalmaatje of buddy wil, krijgt er een"),
    "changes": _l("Wat goed loopt, blijft zo"),
    "fit": _l("Werk dat past en dichtbij is"),
}
GOAL_TEXTS = {
    "at_minimum": _l(
        "Iedereen moet elke week een minimum aantal uren meedoen: %(minimum)s uur. Heeft iemand "
        "een lagere belastbaarheid, dan is het minimum zijn belastbaarheid. matcher zorgt dat "
        "zoveel mogelijk mensen dit minimum halen."
    ),
    "shortfall": _l(
        "Sommige mensen lopen achter op het aantal uren dat ze in hun traject moeten halen. "
        "Hoe verder iemand achterloopt, hoe eerder hij een plek krijgt."
    ),
    "volunteers": _l(
        "Heeft iemand om een taalmaatje of een buddy gevraagd? Dan probeert matcher er een te "
        "vinden."
    ),
    "changes": _l(
        "Een plek die iemand al heeft, blijft zoveel mogelijk hetzelfde. Alleen als het een "
        "hoger doel helpt, verandert er iets."
    ),
    "fit": _l(
        "matcher kiest bij voorkeur werk dat past bij wat iemand leuk vindt, en een plek "
        "dichtbij huis."
    ),
}
RULE_TEXTS = {
    "R1": _l("Iemand doet per dagdeel hoogstens één ding, en alleen op dagdelen dat hij kan."),
    "R2": _l(
        "Een plek krijgt niet meer mensen dan er plaatsen zijn, en alleen op dagdelen dat er "
        "gewerkt wordt."
    ),
    "R3": _l(
        "Een plek ligt niet verder weg dan iemand wil reizen. matcher meet de afstand in een "
        "rechte lijn (over de aarde, straal %(radius)s km), niet over de weg."
    ),
    "R4": _l("Iemands Nederlands is minstens het niveau dat de plek vraagt (%(levels)s)."),
    "R5": _l(
        "Alle uren samen (werk en afspraken met vrijwilligers) zijn niet meer dan iemands "
        "belastbaarheid."
    ),
    "R6": _l(
        "Een taalmaatje of buddy alleen voor wie erom vroeg: één van elke soort, één afspraak "
        "per week, op een dagdeel dat beiden kunnen."
    ),
    "R7": _l("Wat de coördinator heeft vastgezet, blijft precies zo."),
    "R8": _l("Een koppeling die de coördinator heeft afgewezen, komt niet terug."),
}
FIELD_TEXTS = {
    "availability": _l("op welke dagdelen iemand kan"),
    "lat": _l("waar iemand woont (als punt op de kaart, uit de postcode)"),
    "lon": _l("waar iemand woont (als punt op de kaart, uit de postcode)"),
    "travel_km": _l("hoe ver iemand wil reizen"),
    "max_hours_week": _l("de belastbaarheid: alleen het aantal uren per week"),
    "dutch_level": _l("het niveau van Nederlands"),
    "interests": _l("wat iemand leuk vindt (soorten werk)"),
    "wants_taalmaatje": _l("of iemand een taalmaatje wil"),
    "wants_buddy": _l("of iemand een buddy wil"),
    "participation_target": _l("hoeveel uren iemand in het traject moet halen"),
    "hours_before": _l("hoeveel uren iemand al heeft gehaald"),
    "pip_date": _l("wanneer het traject begon (voor het aantal weken dat nog over is)"),
    "trajectory_end": _l("wanneer het traject eindigt"),
    "status": _l("of iemand meedoet (intake of actief)"),
    "municipality_id": _l("de gemeente"),
    "first_name": _l("voornaam"),
    "last_name": _l("achternaam"),
    "external_ref": _l("het nummer in het systeem van de gemeente"),
    "coach_id": _l("wie de coach is"),
    "functional_limits": _l("beperkingen en gezondheid (alleen de belastbaarheid telt mee)"),
    "notes": _l("notities van de coach"),
    "languages": _l("welke talen iemand spreekt"),
    "card_language": _l("in welke taal de weekkaart naast het Nederlands staat"),
    "postcode": _l("de postcode zelf (alleen het punt op de kaart telt mee)"),
    "buddy_gender_preference": _l("voorkeur voor een man of vrouw als buddy"),
    "duty_ended_on": _l("wanneer de inburgeringsplicht eindigde"),
    "route": _l("de leerroute"),
    "nationality": _l("nationaliteit"),
    "religion": _l("geloof"),
    "country_of_birth": _l("geboorteland"),
    "health_details": _l("medische gegevens"),
}
LIMIT_TEXTS = {
    "straight_line": _l(
        "Afstand is hemelsbreed. Een plek kan over de weg of met het openbaar vervoer verder "
        "zijn dan het lijkt."
    ),
    "one_week": _l("matcher plant één week tegelijk en kijkt niet verder vooruit."),
    "declared_data": _l(
        "matcher weet alleen wat in het profiel staat. Is het profiel oud of fout, dan is het "
        "voorstel dat ook."
    ),
    "hours_not_quality": _l(
        "matcher telt uren en regels. Of een plek echt goed is voor iemand, beslist een mens."
    ),
    "time_limit": _l(
        "matcher zoekt een beperkte tijd. Het voorstel is dan het beste dat het vond, niet "
        "altijd het beste dat bestaat."
    ),
}
CATEGORY_LABELS = {
    "personal": _l("persoonsgegeven"),
    "special": _l("gevoelig persoonsgegeven"),
    "pseudonymous": _l("gepseudonimiseerd"),
    "none": _l("geen persoonsgegeven"),
    "unclassified": _l("niet ingedeeld"),
}
PURPOSES = {
    "matching": _l("koppelen aan vrijwilligerswerk en taalmaatjes"),
    "progress": _l("uren en voortgang van het traject bijhouden"),
    "accounts": _l("inloggen en rechten"),
    "mail": _l("e-mail versturen"),
    "privacy": _l("verantwoording van wissen (AVG)"),
    "security": _l("beveiliging en verantwoording (audit)"),
    "integrity": _l("dubbel versturen van formulieren voorkomen"),
}
RETENTION = {
    "duty_plus_retention": _l("%(years)s jaar na het einde van de inburgeringsplicht; dan gewist"),
    "while_active": _l("zolang nodig; de beheerder verwijdert of deactiveert"),
    "anonymised_with_participant": _l("blijft, zonder naam, als de deelnemer wordt gewist"),
    "deleted_with_participant": _l("wordt verwijderd als de deelnemer wordt gewist"),
    "kept_for_accountability": _l("blijft bewaard voor verantwoording"),
    "until_lock_expires": _l("tot de blokkade voorbij is"),
    "a_day": _l("een dag"),
    "until_link_used": _l("tot een dag nadat de link gebruikt, ingetrokken of verlopen is"),
}
