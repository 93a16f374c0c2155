"""Remembered rejections: a pairing the coordinator rejected is not proposed again (rule R8,
the instance's `forbidden`) until a coordinator lifts it on the participant's page.

Remembering is INSERT … ON CONFLICT DO NOTHING against the unique index on standing rejections
(two coordinators rejecting the same pairing at once leave one); lifting is one conditional
UPDATE … WHERE lifted_at IS NULL (of two lifts one wins, the other is told)."""

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload

from matcher.extensions import db
from matcher.models import Match, MatchKind, MatchProposal, MatchRejection, ProposalAction, User
from matcher.models.people import utcnow
from matcher.models.registry import Placement
from matcher.services import audit
from matcher.services.errors import NotFound, ValidationFailed

# Proposals whose rejection means "not this pairing": a new one, or a running one to end.
REMEMBERED = (ProposalAction.ADD, ProposalAction.KEEP)


class AlreadyLifted(ValidationFailed):
    """Someone lifted this rejection already (`rejection` says who and when)."""

    def __init__(self, rejection: MatchRejection):
        super().__init__("rejection_lifted")
        self.rejection = rejection


def remembers(proposal: MatchProposal) -> bool:
    """Whether rejecting this proposal refuses its pairing (a day-part change does not: its
    rejection keeps the running match)."""
    return proposal.action in REMEMBERED and proposal.replaces_id is None


def remember(user: User, proposal: MatchProposal) -> None:
    """Record the proposal's pairing as rejected (nothing when it stands already)."""
    if not remembers(proposal):
        return
    match: Match = proposal.match
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    target = "placement_id" if match.kind == MatchKind.PLACEMENT else "volunteer_id"
    new_id = db.session.execute(
        insert(MatchRejection)
        .values(
            participant_id=proposal.participant_id,
            kind=match.kind,
            placement_id=match.placement_id,
            volunteer_id=match.volunteer_id,
            proposal_id=proposal.id,
            rejected_by_id=user.id,
            rejected_at=utcnow(),
        )
        .on_conflict_do_nothing(
            index_elements=["participant_id", target],
            index_where=MatchRejection.lifted_at.is_(None),
        )
        .returning(MatchRejection.id)
    ).scalar()
    if new_id is not None:
        audit.record(user, "reject_pairing", "match_rejection", new_id, ["participant", "kind"])


def forget(user: User, proposal: MatchProposal) -> None:
    """The coordinator changed their mind on this proposal: its rejection no longer stands."""
    lifted = db.session.execute(
        update(MatchRejection)
        .where(MatchRejection.proposal_id == proposal.id, MatchRejection.lifted_at.is_(None))
        .values(lifted_at=utcnow(), lifted_by_id=user.id)
        .returning(MatchRejection.id)
    ).scalars()
    for rejection_id in lifted:
        audit.record(user, "lift_rejection", "match_rejection", rejection_id, ["lifted_at"])


def standing(participant_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """Per participant the standing rejections as (kind, placement or volunteer id)."""
    out: dict[int, list[tuple[str, int]]] = {}
    if not participant_ids:
        return out
    rows = db.session.execute(
        select(
            MatchRejection.participant_id,
            MatchRejection.kind,
            MatchRejection.placement_id,
            MatchRejection.volunteer_id,
        ).where(
            MatchRejection.lifted_at.is_(None),
            MatchRejection.participant_id.in_(participant_ids),
        )
    )
    for pid, kind, placement_id, volunteer_id in rows:
        out.setdefault(pid, []).append((MatchKind(kind).value, placement_id or volunteer_id))
    return out


def of_participant(participant_id: int) -> list[MatchRejection]:
    """The participant's standing rejections, newest first, with who rejected them."""
    return list(
        db.session.scalars(
            select(MatchRejection)
            .where(
                MatchRejection.participant_id == participant_id,
                MatchRejection.lifted_at.is_(None),
            )
            .options(
                selectinload(MatchRejection.placement).selectinload(Placement.organisation),
                selectinload(MatchRejection.volunteer),
                selectinload(MatchRejection.rejected_by),
            )
            .order_by(MatchRejection.rejected_at.desc(), MatchRejection.id.desc())
        )
    )


def get(rejection_id: int) -> MatchRejection:
    """A rejection (standing or lifted), or NotFound."""
    rejection = db.session.get(MatchRejection, rejection_id)
    if rejection is None:
        raise NotFound(rejection_id)
    return rejection


def lift(user: User, rejection_id: int) -> MatchRejection:
    """Lift a standing rejection (flushes; the caller commits): NotFound when there is none,
    AlreadyLifted when another coordinator lifted it first."""
    rejection = get(rejection_id)
    won = db.session.execute(
        update(MatchRejection)
        .where(MatchRejection.id == rejection_id, MatchRejection.lifted_at.is_(None))
        .values(lifted_at=utcnow(), lifted_by_id=user.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(rejection)
    if won != 1:
        raise AlreadyLifted(rejection)
    audit.record(user, "lift_rejection", "match_rejection", rejection.id, ["lifted_at"])
    db.session.flush()
    return rejection
