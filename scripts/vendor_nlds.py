"""Vendor the NL Design System's community CSS and the Leaflet map library into
matcher/web/static/vendor/ (no CDN).

    python scripts/vendor_nlds.py            # fetch the pinned versions with `npm pack`
    python scripts/vendor_nlds.py --check    # only check the vendored files (no network)

Each package is fetched with the ordinary npm client (`npm pack NAME@VERSION`), its CSS and
licence are copied to static/vendor/<folder>/, and static/vendor/versions.json and
VENDORED.md record name, version, licence and the sha256 of every file. The CSS is checked
against the Content-Security-Policy ('self' only): no @import, no @font-face, no url() to
another origin. To move to a newer release, change PACKAGES and run the script again.

Leaflet (the Werving map) ships its script, stylesheet and the images its stylesheet names; its
map tiles come from the server in the MATCHER_MAP_TILE_URL setting, which only the Werving page's
policy admits (web/security.py).
"""

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[1] / "matcher" / "web" / "static" / "vendor"
LEAFLET_IMAGES = ("layers", "layers-2x", "marker-icon", "marker-icon-2x", "marker-shadow")
# name, version, folder under vendor/, {file in the package: file in the folder}, what it is
PACKAGES = (
    (
        "@utrecht/component-library-css",
        "9.0.4",
        "utrecht",
        {"dist/index.css": "component-library.css", "dist/html.css": "html.css"},
        "the community components (class names utrecht-*) and plain-HTML styles (.utrecht-html)",
    ),
    (
        "@nl-design-system-unstable/voorbeeld-design-tokens",
        "7.4.1",
        "voorbeeld-theme",
        {"dist/theme.css": "theme.css"},
        "the NL Design System example theme: component tokens on the basis tokens "
        "(class voorbeeld-theme); matcher's own theme (static/theme.css) overrides its brand",
    ),
    (
        "leaflet",
        "1.9.4",
        "leaflet",
        {
            "dist/leaflet.js": "leaflet.js",
            "dist/leaflet.css": "leaflet.css",
            **{f"dist/images/{n}.png": f"images/{n}.png" for n in LEAFLET_IMAGES},
        },
        "the map library of the Werving map (static/werving-map.js); no tiles of its own",
    ),
)
LICENCE_FILES = ("LICENSE.md", "LICENSE", "LICENCE.md")
REMOTE = re.compile(r"url\(\s*['\"]?\s*(?:https?:)?//", re.IGNORECASE)
FORBIDDEN = re.compile(r"@import|@font-face", re.IGNORECASE)
DATA_URL = re.compile(r"url\(\s*['\"]?data:", re.IGNORECASE)


def css_problems(path: Path) -> list[str]:
    """What in this CSS would reach beyond 'self' (the CSP would block it or leak a request)."""
    text = path.read_text(encoding="utf-8")
    problems = [f"{path.name}: {m.group(0)}" for m in FORBIDDEN.finditer(text)]
    problems += [f"{path.name}: remote {m.group(0)}" for m in REMOTE.finditer(text)]
    return problems


def data_urls(path: Path) -> int:
    """data: images are blocked by img-src 'self'; only components matcher does not use have them."""
    return len(DATA_URL.findall(path.read_text(encoding="utf-8")))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def npm_pack(name: str, version: str, into: Path) -> Path:
    """The package's tarball from the npm registry, unpacked; returns its package/ folder."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is not installed (apt-get install npm)")
    output = subprocess.run(
        [npm, "pack", f"{name}@{version}", "--silent"],
        cwd=into,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    with tarfile.open(into / output) as tarball:
        tarball.extractall(into, filter="data")
    return into / "package"


def vendor_package(name, version, folder, files, work: Path) -> dict:
    unpacked = npm_pack(name, version, work)
    meta = json.loads((unpacked / "package.json").read_text(encoding="utf-8"))
    if meta["version"] != version:
        raise SystemExit(f"{name}: npm gave {meta['version']}, expected {version}")
    target = VENDOR / folder
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for source, destination in files.items():
        (target / destination).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(unpacked / source, target / destination)
    licence = next(f for f in LICENCE_FILES if (unpacked / f).exists())
    shutil.copyfile(unpacked / licence, target / "LICENSE.md")
    shutil.rmtree(unpacked)
    return {"licence": meta.get("license"), "repository": meta.get("repository", {}).get("url")}


def record(entries: list[dict]) -> None:
    (VENDOR / "versions.json").write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# Vendored front-end files (NL Design System, Leaflet)",
        "",
        "Written by `scripts/vendor_nlds.py`; do not edit by hand. Served from /static/vendor/",
        "(no CDN; the CSP allows 'self' only). Licence texts are beside the files.",
        "",
        "`@utrecht/design-tokens` is not vendored: its licence reserves the tokens to Gemeente",
        "Utrecht (its own brand). matcher's look is its own theme, static/theme.css, on top of",
        "the openly licensed example theme below.",
        "",
        "Leaflet draws the Werving map; its tiles come from MATCHER_MAP_TILE_URL (PDOK's",
        "BRT-Achtergrondkaart by default), the one origin beyond 'self' that only that page admits.",
        "",
        "| package | version | licence | files | what |",
        "| --- | --- | --- | --- | --- |",
    ]
    for e in entries:
        names = ", ".join(f"`{e['folder']}/{f}`" for f in e["files"])
        lines.append(f"| `{e['name']}` | {e['version']} | {e['licence']} | {names} | {e['what']} |")
    (VENDOR / "VENDORED.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def check() -> list[str]:
    """Problems with the vendored files: missing, changed since recorded, or reaching off-site."""
    versions = VENDOR / "versions.json"
    if not versions.exists():
        return ["static/vendor/versions.json is missing: run scripts/vendor_nlds.py"]
    problems = []
    for entry in json.loads(versions.read_text(encoding="utf-8")):
        for file, digest in entry["files"].items():
            path = VENDOR / entry["folder"] / file
            if not path.exists():
                problems.append(f"{path} is missing")
            elif sha256(path) != digest:
                problems.append(f"{path} differs from {entry['name']}@{entry['version']}")
            elif path.suffix == ".css":
                problems += css_problems(path)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check only, fetch nothing")
    if not parser.parse_args().check:
        entries = []
        with tempfile.TemporaryDirectory() as work:
            for name, version, folder, files, what in PACKAGES:
                info = vendor_package(name, version, folder, files, Path(work))
                digests = {f: sha256(VENDOR / folder / f) for f in (*files.values(), "LICENSE.md")}
                entries.append(
                    {"name": name, "version": version, "folder": folder, "files": digests}
                    | info
                    | {"what": what}
                )
                for file in (f for f in files.values() if f.endswith(".css")):
                    count = data_urls(VENDOR / folder / file)
                    if count:
                        print(f"note: {folder}/{file} has {count} data: url(s) (blocked by CSP)")
        record(entries)
    problems = check()
    for problem in problems:
        print(problem, file=sys.stderr)
    print("vendored files OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
