"""hours: voortgangsgesprekken, coordinator notices, index on hours corrections

Revision ID: 0003_hours
Revises: 0002_registry
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_hours'
down_revision = '0002_registry'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('progress_meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('next_date', sa.Date(), nullable=True),
    sa.Column('coach_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('next_date IS NULL OR next_date > held_on', name=op.f('ck_progress_meetings_next_after_held')),
    sa.ForeignKeyConstraint(['coach_id'], ['users.id'], name=op.f('fk_progress_meetings_coach_id_users')),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_progress_meetings_participant_id_participants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_meetings'))
    )
    with op.batch_alter_table('progress_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_meetings_participant_id'), ['participant_id'], unique=False)

    op.create_table('coordinator_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['match_id'], ['matches.id'], name=op.f('fk_coordinator_notices_match_id_matches')),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_coordinator_notices_resolved_by_id_users')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteers.id'], name=op.f('fk_coordinator_notices_volunteer_id_volunteers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coordinator_notices'))
    )
    with op.batch_alter_table('coordinator_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coordinator_notices_volunteer_id'), ['volunteer_id'], unique=False)

    with op.batch_alter_table('hours_entries', schema=None) as batch_op:
        batch_op.create_index('ix_hours_entries_supersedes_id', ['supersedes_id'], unique=False)


def downgrade():
    with op.batch_alter_table('hours_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_hours_entries_supersedes_id')
    with op.batch_alter_table('coordinator_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coordinator_notices_volunteer_id'))
    op.drop_table('coordinator_notices')
    with op.batch_alter_table('progress_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_meetings_participant_id'))
    op.drop_table('progress_meetings')
