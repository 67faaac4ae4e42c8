"""Demand and gaps report counts

Aggregate counts of searches (by day, area, need, age band, language, channel and
result band) and of service page views and contacts (by day and service). No
words, places, people or tokens (issue 12).

Revision ID: 160e21243a5f
Revises: 43220222bed1
Create Date: 2026-12-03 11:58:19.195343

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '160e21243a5f'
down_revision = '43220222bed1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('insight_search',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('area', sa.String(length=100), nullable=False),
    sa.Column('need', sa.String(length=100), nullable=False),
    sa.Column('age_band', sa.String(length=10), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('channel', sa.String(length=5), nullable=False),
    sa.Column('results', sa.String(length=5), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', 'area', 'need', 'age_band', 'language', 'channel', 'results', name=op.f('pk_insight_search'))
    )
    op.create_table('insight_service',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', 'service_id', 'kind', name=op.f('pk_insight_service'))
    )


def downgrade():
    op.drop_table('insight_service')
    op.drop_table('insight_search')
