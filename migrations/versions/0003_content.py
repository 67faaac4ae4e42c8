"""Awareness pages, revisions, uploads, resources and events

District hub pages, advice guides and campaigns (page), every saved version of
their words (revision), checked uploads stored outside the static folder (upload),
campaign posters (resource) and hub events (event). page.current_revision_id and
revision.page_id point at each other, so that foreign key is added after both
tables exist (in batch mode, for SQLite).

Revision ID: 275b069779b2
Revises: 28ad4d453e95
Create Date: 2026-11-21 14:49:19.578439

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '275b069779b2'
down_revision = '28ad4d453e95'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('upload',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('stored_name', sa.String(length=80), nullable=False),
    sa.Column('download_name', sa.String(length=120), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('uploaded_by_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_upload_uploaded_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_upload')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_upload_stored_name'))
    )
    op.create_table('page',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.Enum('hub', 'guide', 'campaign', name='pagekind', native_enum=False, length=20), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', 'archived', name='pagestatus', native_enum=False, length=20), nullable=False),
    sa.Column('publish_at', sa.DateTime(), nullable=True),
    sa.Column('unpublish_at', sa.DateTime(), nullable=True),
    sa.Column('area_id', sa.String(length=36), nullable=True),
    sa.Column('audience', sa.Enum('young_people', 'parents', name='audience', native_enum=False, length=20), nullable=True),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('featured', sa.Boolean(), nullable=False),
    sa.Column('hero_image_id', sa.String(length=36), nullable=True),
    sa.Column('current_revision_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_page_area_id_area')),
    sa.ForeignKeyConstraint(['hero_image_id'], ['upload.id'], name=op.f('fk_page_hero_image_id_upload')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_page')),
    sa.UniqueConstraint('kind', 'slug', name='kind_slug')
    )
    op.create_table('event',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('page_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['page_id'], ['page.id'], name=op.f('fk_event_page_id_page'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_starts_on', ['starts_on'], unique=False)

    op.create_table('resource',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('page_id', sa.String(length=36), nullable=False),
    sa.Column('upload_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['page_id'], ['page.id'], name=op.f('fk_resource_page_id_page'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['upload_id'], ['upload.id'], name=op.f('fk_resource_upload_id_upload')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource'))
    )
    op.create_table('revision',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('page_id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('contacts', sa.Text(), nullable=False),
    sa.Column('key_messages', sa.Text(), nullable=False),
    sa.Column('calls_to_action', sa.Text(), nullable=False),
    sa.Column('hero_alt', sa.String(length=300), nullable=False),
    sa.Column('author_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_revision_author_id_user')),
    sa.ForeignKeyConstraint(['page_id'], ['page.id'], name=op.f('fk_revision_page_id_page'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revision')),
    sa.UniqueConstraint('page_id', 'number', name='page_number')
    )

    with op.batch_alter_table('page') as batch_op:
        batch_op.create_foreign_key('fk_page_current_revision_id_revision', 'revision',
                                    ['current_revision_id'], ['id'])


def downgrade():
    with op.batch_alter_table('page') as batch_op:
        batch_op.drop_constraint('fk_page_current_revision_id_revision', type_='foreignkey')
    op.drop_table('revision')
    op.drop_table('resource')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_starts_on')

    op.drop_table('event')
    op.drop_table('page')
    op.drop_table('upload')
