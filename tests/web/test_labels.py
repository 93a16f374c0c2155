"""Every vocabulary value of the data model has a translatable label."""

from matcher.models import enums
from matcher.web import labels


def test_every_placement_category_has_a_label():
    assert tuple(labels.CATEGORY_LABELS) == enums.CATEGORIES


def test_every_role_status_route_and_kind_has_a_label():
    assert set(labels.ROLE_LABELS) == {r.value for r in enums.Role}
    assert set(labels.STATUS_LABELS) == {s.value for s in enums.ParticipantStatus}
    assert set(labels.ROUTE_LABELS) == {r.value for r in enums.Route}
    assert set(labels.MATCH_KIND_LABELS) == {k.value for k in enums.MatchKind}
