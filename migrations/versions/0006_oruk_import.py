"""Imports from Open Referral UK feeds

import_link ties each record of a feed (feed name, the feed's id) to the listing
it became or the suggestion that will make it; service gains the feed it came
from and that feed's own last-checked date.

Revision ID: 8d6661433032
Revises: 160e21243a5f
Create Date: 2026-12-03 12:31:32.054444

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8d6661433032'
down_revision = '160e21243a5f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_link',
    sa.Column('feed', sa.String(length=100), nullable=False),
    sa.Column('external_id', sa.String(length=300), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=True),
    sa.Column('submission_id', sa.String(length=36), nullable=True),
    sa.Column('record_hash', sa.String(length=64), nullable=False),
    sa.Column('imported_version', sa.Integer(), nullable=True),
    sa.Column('source_checked', sa.Date(), nullable=True),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.Column('missing_since', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_import_link_service_id_service'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_import_link_submission_id_submission'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('feed', 'external_id', name=op.f('pk_import_link'))
    )
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_feed', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('source_checked', sa.Date(), nullable=True))



def downgrade():
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.drop_column('source_checked')
        batch_op.drop_column('source_feed')

    op.drop_table('import_link')
