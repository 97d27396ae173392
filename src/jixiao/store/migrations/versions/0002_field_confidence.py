"""reading confidence per form: the least sure field and every field's confidence

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 15:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('forms') as batch:
        batch.add_column(sa.Column('confidence', sa.Float(), nullable=True))
        batch.add_column(sa.Column('field_confidence', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('forms') as batch:
        batch.drop_column('field_confidence')
        batch.drop_column('confidence')
