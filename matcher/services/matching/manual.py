"""Matches made or ended by hand; the next run keeps them unless they became impossible."""

from datetime import date

from sqlalchemy import update

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import (
    Match,
    MatchKind,
    MatchSource,
    MatchStatus,
    Placement,
    User,
    Volunteer,
)
from matcher.services import audit
from matcher.services.access import get_participant
from matcher.services.errors import DomainError, NotFound, ValidationFailed
from matcher.services.matching.confirm import Conflicts
from matcher.services.matching.rules import plan_conflicts
from matcher.weeks import today, week_start


class EndedMeanwhile(DomainError):
    """Someone else ended (or re-ended) this match since it was shown."""

    code = "match.ended_meanwhile"

    def __init__(self, match_id: int):
        super().__init__(None, match_id=match_id)


def add_match(
    user: User,
    participant_id: int,
    kind: MatchKind,
    target_id: int,
    dayparts: list[str],
    starts_on: date,
) -> Match:
    """An active manual match from `starts_on`; Conflicts when it breaks a hard rule now."""
    participant = get_participant(user, participant_id)
    if not dayparts:
        raise ValidationFailed("manual.no_dayparts")
    if kind != MatchKind.PLACEMENT and len(dayparts) != 1:
        raise ValidationFailed("manual.one_daypart")
    model = Placement if kind == MatchKind.PLACEMENT else Volunteer
    target = db.session.get(model, target_id)
    if target is None or (model is Volunteer and target.kind.value != kind.value):
        raise NotFound(target_id)
    match = Match(
        participant=participant,
        kind=kind,
        placement=target if model is Placement else None,
        volunteer=target if model is Volunteer else None,
        dayparts=to_mask(dayparts),
        status=MatchStatus.ACTIVE,
        source=MatchSource.MANUAL,
        starts_on=starts_on,
    )
    db.session.add(match)
    db.session.flush()
    conflicts = plan_conflicts(week_start(starts_on), [match])
    if conflicts:
        raise Conflicts(conflicts)
    audit.record(user, "create", "match", match.id, ["kind", "dayparts", "starts_on"])
    return match


def end_match(user: User, match_id: int, last_day: date) -> Match:
    """End an active match after `last_day` (not before it started)."""
    match = db.session.get(Match, match_id)
    if match is None or match.status != MatchStatus.ACTIVE:
        raise NotFound(match_id)
    get_participant(user, match.participant_id)
    if last_day < match.starts_on:
        raise ValidationFailed("match.ends_before_start")
    seen = Match.ends_on.is_(None) if match.ends_on is None else Match.ends_on == match.ends_on
    ended = db.session.execute(  # one conditional update: of two coordinators, one ends it
        update(Match)
        .where(Match.id == match.id, Match.status == MatchStatus.ACTIVE, seen)
        .values(
            ends_on=last_day,
            # one ending later keeps running until then
            status=MatchStatus.ENDED if last_day < today() else MatchStatus.ACTIVE,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(match)
    if ended != 1:
        raise EndedMeanwhile(match_id)
    audit.record(user, "end", "match", match.id, ["status", "ends_on"])
    db.session.flush()
    return match
