"""Import (with preview) and export of placements, volunteers and participants; templates."""

import json
import secrets
import time
from pathlib import Path

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from matcher.services import audit, exports, imports
from matcher.services.errors import ValidationFailed
from matcher.services.imports import reader
from matcher.services.imports.specs import COLUMNS
from matcher.web import boundary
from matcher.web.imports import bp, wording
from matcher.web.imports.forms import KIND_LABELS, ConfirmForm, UploadForm
from matcher.weeks import today

LIST_ENDPOINTS = {
    "placements": "placements.index",
    "volunteers": "volunteers.index",
    "participants": "participants.index",
}
MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
STALE_SECONDS = 24 * 3600


def _folder() -> Path:
    folder = Path(current_app.config["IMPORT_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*"):
        if old.stat().st_mtime < time.time() - STALE_SECONDS:
            old.unlink(missing_ok=True)
    return folder


@bp.route("/", methods=["GET", "POST"])
def index():
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.upload.data
        data = upload.stream.read(reader.MAX_BYTES + 1)
        filename = upload.filename or ""
        try:
            table = imports.read_table(data, filename)
            result = imports.preview(form.kind.data, table)
        except imports.ImportRefused as error:
            boundary.discard()
            form.upload.errors = [wording.refusal(error)]
        else:  # the boundary commits: only geocoding answers were cached, no records
            token = None
            if not result.errors:  # keep the file only when it can be confirmed
                token = secrets.token_urlsafe(16)
                ext = reader.extension(filename)
                (_folder() / f"{token}.{ext}").write_bytes(data)
                _versions_path(token).write_text(json.dumps(result.versions))
                session["import"] = {"token": token, "kind": form.kind.data, "ext": ext}
            return render_template(
                "imports/preview.html",
                result=result,
                kind_label=KIND_LABELS[form.kind.data],
                filename=filename,
                encoding=getattr(table, "encoding", None),
                confirm=ConfirmForm(token=token),
                wording=wording,
            )
    status = 422 if form.errors else 200
    return render_template(
        "imports/index.html", form=form, kinds=KIND_LABELS, columns=_explained_columns()
    ), status


def _explained_columns() -> dict[str, list[tuple[str, bool, str, str]]]:
    """Per kind: (column, required, example, explanation) for the page's column tables."""
    return {
        kind: [(c, needed, example, wording.describe(kind, c)) for c, needed, example in columns]
        for kind, columns in COLUMNS.items()
    }


@bp.post("/opslaan")
def confirm():
    form = ConfirmForm()
    pending = session.get("import") or {}
    if not form.validate_on_submit() or form.token.data != pending.get("token"):
        flash(_("Deze import is verlopen. Upload het bestand opnieuw."), "error")
        return redirect(url_for("imports.index"))
    path = _folder() / f"{pending['token']}.{pending['ext']}"
    if not path.exists():
        flash(_("Deze import is verlopen. Upload het bestand opnieuw."), "error")
        return redirect(url_for("imports.index"))
    try:
        table = imports.read_table(path.read_bytes(), path.name)
        seen = _seen_versions(pending["token"])
        result = imports.commit(current_user, pending["kind"], table, today(), seen)
    except (ValidationFailed, imports.ImportRefused) as error:
        boundary.discard()
        flash(wording.refusal(error), "error")
        return redirect(url_for("imports.index"))
    boundary.after_commit(path.unlink, missing_ok=True)
    boundary.after_commit(_versions_path(pending["token"]).unlink, missing_ok=True)
    session.pop("import", None)
    flash(_saved(result), "success")
    return redirect(url_for(LIST_ENDPOINTS[pending["kind"]]))


def _saved(result: imports.Preview) -> str:
    if result.unchanged:
        return _(
            "Import opgeslagen: %(new)d nieuw, %(updated)d bijgewerkt, %(unchanged)d ongewijzigd.",
            new=result.creates,
            updated=result.updates,
            unchanged=result.unchanged,
        )
    return _(
        "Import opgeslagen: %(new)d nieuw, %(updated)d bijgewerkt.",
        new=result.creates,
        updated=result.updates,
    )


def _versions_path(token: str) -> Path:
    """Beside the stored file: the version of each record it updates, as previewed."""
    return _folder() / f"{token}.versions.json"


def _seen_versions(token: str) -> dict[str, int | None] | None:
    try:
        seen = json.loads(_versions_path(token).read_text())
    except (OSError, ValueError):
        return None  # a preview from before versions were kept: no comparison possible
    return seen if isinstance(seen, dict) else None


@bp.route("/sjabloon/<kind>.<fmt>")
def template(kind: str, fmt: str):
    if kind not in imports.KINDS or fmt not in MIMETYPES:
        abort(404)
    head = exports.header(kind)
    example = [exports.template_row(kind)]
    return _download(head, example, f"sjabloon-{kind}.{fmt}", fmt, kind)


@bp.route("/export/<kind>.<fmt>")
def export(kind: str, fmt: str):
    if kind not in imports.KINDS or fmt not in MIMETYPES:
        abort(404)
    body = list(exports.rows(current_user, kind))
    head = exports.export_header(kind)
    audit.record(current_user, "export", kind, None, head)
    return _download(head, body, f"{kind}-{today().isoformat()}.{fmt}", fmt, kind)


def _download(head, body, filename: str, fmt: str, title: str) -> Response:
    """The file; a CSV writes numbers and dates the way the user's language does."""
    if fmt == "csv":
        data = exports.to_csv(head, body, str(get_locale() or "nl"))
    else:
        data = exports.to_xlsx(head, body, title)
    return Response(
        data,
        mimetype=MIMETYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
