"""Postcode → coordinates through the PDOK Locatieserver, cached in the database."""

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from flask import current_app

from matcher.extensions import db
from matcher.models import GeocodeCache
from matcher.services.errors import DomainError

POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")
POINT = re.compile(r"POINT\(\s*(-?[0-9.]+)\s+(-?[0-9.]+)\s*\)")


class GeocoderUnavailable(DomainError):
    """PDOK could not be reached or answered something unreadable (`reason` for the logs)."""

    code = "geocoder.unavailable"

    def __init__(self, reason: str):
        super().__init__(None, reason=reason)


@dataclass(frozen=True)
class Place:
    lat: float
    lon: float
    label: str = ""


def normalise_postcode(text: str) -> str | None:
    """'7601 ab' → '7601AB'; None when it is not a Dutch postcode."""
    found = POSTCODE.match(text or "")
    return f"{found.group(1)}{found.group(2).upper()}" if found else None


def display_postcode(text: str) -> str:
    """'7601AB' → '7601 AB' (the form stored on records)."""
    code = normalise_postcode(text)
    return f"{code[:4]} {code[4:]}" if code else text.strip()


def lookup(postcode: str) -> Place | None:
    """Coordinates of a postcode (cache first); None when PDOK knows no such postcode.

    Raises GeocoderUnavailable when PDOK cannot be reached in time.
    """
    code = normalise_postcode(postcode)
    if code is None:
        return None
    cached = db.session.get(GeocodeCache, code)
    if cached is not None:
        return None if cached.lat is None else Place(cached.lat, cached.lon, cached.label)
    place = _ask_pdok(code)
    db.session.add(
        GeocodeCache(
            postcode=code,
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            label=place.label[:200] if place else "",
        )
    )
    db.session.flush()
    return place


def _ask_pdok(code: str) -> Place | None:
    """One request to the free-search endpoint, filtered on postcode documents."""
    base = current_app.config["GEOCODER_URL"]
    timeout = current_app.config["GEOCODER_TIMEOUT"]
    query = urllib.parse.urlencode({"q": code, "fq": "type:postcode", "rows": 1, "fl": "*"})
    if not base.startswith(("https://", "http://")):
        raise GeocoderUnavailable("GEOCODER_URL must be http(s)")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        f"{base}?{query}", headers={"Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = json.loads(response.read(1_000_000).decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        raise GeocoderUnavailable(str(error)) from error
    return _parse(body, code)


def _parse(body: dict, code: str) -> Place | None:
    """Read PDOK's {"response": {"docs": [{"centroide_ll": "POINT(lon lat)"}]}} shape."""
    try:
        docs = body["response"]["docs"]
    except (KeyError, TypeError) as error:
        raise GeocoderUnavailable("unexpected answer") from error
    for doc in docs:
        if str(doc.get("postcode", "")).replace(" ", "").upper() != code:
            continue
        found = POINT.search(str(doc.get("centroide_ll", "")))
        if found:
            lon, lat = float(found.group(1)), float(found.group(2))
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return Place(lat, lon, str(doc.get("weergavenaam", "")))
    return None
