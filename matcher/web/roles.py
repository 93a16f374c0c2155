"""Role checks, once per blueprint."""

from flask import Blueprint, abort
from flask_login import current_user

from matcher.extensions import login_manager
from matcher.models import Role


def restrict_blueprint(blueprint: Blueprint, *roles: Role) -> None:
    """Every view of `blueprint` needs a logged-in user with one of `roles`."""

    @blueprint.before_request
    def _check_role():
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.role not in roles:
            abort(403)
        return None
