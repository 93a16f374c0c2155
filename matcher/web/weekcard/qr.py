"""The route on the week card: a link from the ROUTE_URL setting, drawn as a QR code on the
server (segno, inline SVG): no outside script or image service sees the page."""

from urllib.parse import quote

import segno
from markupsafe import Markup


def route_url(template: str, lat: float, lon: float, address: str) -> str:
    """The ROUTE_URL template with {lat}, {lon} (five decimals: about a metre) and {address}
    (URL-encoded) filled in."""
    return (
        template.replace("{lat}", f"{lat:.5f}")
        .replace("{lon}", f"{lon:.5f}")
        .replace("{address}", quote(address, safe=""))
    )


def qr_svg(url: str) -> Markup:
    """`url` as a QR code (error correction M), an inline SVG that scales with its box; hidden
    from assistive technology, since the link around it says where it leads."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=4, border=4, omitsize=True, dark="#000", light="#fff")
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return Markup(svg)  # noqa: S704  (segno's own SVG: the URL is encoded in the path, not text)
