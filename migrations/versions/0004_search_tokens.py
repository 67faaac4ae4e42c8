"""Discreet search tokens

What someone searched for, kept for SEARCH_TOKEN_MINUTES behind a random token
so that it never appears in a URL (issue 12). Rows are deleted as they expire.

Revision ID: 43220222bed1
Revises: 275b069779b2
Create Date: 2026-12-03 11:39:07.419193

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '43220222bed1'
down_revision = '275b069779b2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_token',
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('counted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('token', name=op.f('pk_search_token'))
    )
    with op.batch_alter_table('search_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_token_expires_at'), ['expires_at'], unique=False)



def downgrade():
    with op.batch_alter_table('search_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_token_expires_at'))

    op.drop_table('search_token')
