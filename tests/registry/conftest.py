"""A stand-in PDOK Locatieserver on 127.0.0.1, answering in PDOK's response shape."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

PATH = "/bzk/locatieserver/search/v3_1/free"
KNOWN = {"7601AB": (6.6625, 52.3567, "Almelo"), "7511JA": (6.8937, 52.2215, "Enschede")}


class FakePdok:
    """Records the requests it gets; `delay` makes it slow, `known` is its postcode book."""

    def __init__(self):
        self.requests: list[dict] = []
        self.delay = 0.0
        self.known = dict(KNOWN)
        self.url = ""

    def answer(self, query: dict) -> dict:
        self.requests.append(query)
        code = query.get("q", [""])[0].replace(" ", "").upper()
        docs = []
        if code in self.known and query.get("fq") == ["type:postcode"]:
            lon, lat, place = self.known[code]
            docs.append(
                {
                    "type": "postcode",
                    "weergavenaam": f"{code[:4]} {code[4:]}, {place}",
                    "id": f"pcd-{code}",
                    "postcode": code,
                    "woonplaatsnaam": place,
                    "centroide_ll": f"POINT({lon} {lat})",
                    "centroide_rd": "POINT(241000 486000)",
                    "score": 12.3,
                }
            )
        return {"response": {"numFound": len(docs), "start": 0, "maxScore": 12.3, "docs": docs}}


@pytest.fixture(scope="session")
def pdok_server():
    fake = FakePdok()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urlsplit(self.path)
            if parts.path != PATH:
                self.send_error(404)
                return
            if fake.delay:
                time.sleep(fake.delay)
            body = json.dumps(fake.answer(parse_qs(parts.query))).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json;charset=UTF-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up (timeout test)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_port}{PATH}"
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def import_dir(app, tmp_path):
    """Uploaded files waiting for confirmation go to the test's own folder."""
    saved = app.config.get("IMPORT_DIR")
    app.config["IMPORT_DIR"] = str(tmp_path / "imports")
    yield
    app.config["IMPORT_DIR"] = saved


@pytest.fixture(autouse=True)
def pdok(app, pdok_server):
    """Every registry test geocodes against the stand-in; it starts each test fresh."""
    saved = {k: app.config.get(k) for k in ("GEOCODER_URL", "GEOCODER_TIMEOUT")}
    app.config.update(GEOCODER_URL=pdok_server.url, GEOCODER_TIMEOUT=3)
    pdok_server.requests.clear()
    pdok_server.delay = 0.0
    pdok_server.known = dict(KNOWN)
    yield pdok_server
    app.config.update(saved)
