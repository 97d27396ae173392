"""initial corpus tables

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 12:09:35.766117
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('profile', sa.String(length=40), nullable=False),
    sa.Column('form_count', sa.Integer(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sha256')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_is_current'), ['is_current'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_path'), ['path'], unique=False)

    op.create_table('ingest_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('failed_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('path')
    )
    op.create_table('forms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('form_index', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('project_name', sa.Text(), nullable=True),
    sa.Column('department', sa.Text(), nullable=True),
    sa.Column('implementing_unit', sa.Text(), nullable=True),
    sa.Column('fund_unit', sa.String(length=4), nullable=True),
    sa.Column('goal_expected', sa.Text(), nullable=True),
    sa.Column('goal_actual', sa.Text(), nullable=True),
    sa.Column('total_weight', sa.Float(), nullable=True),
    sa.Column('total_score', sa.Float(), nullable=True),
    sa.Column('grade', sa.String(length=20), nullable=True),
    sa.Column('execution_rate_recomputed', sa.Float(), nullable=True),
    sa.Column('funds_score_recomputed', sa.Float(), nullable=True),
    sa.Column('total_score_recomputed', sa.Float(), nullable=True),
    sa.Column('grade_recomputed', sa.String(length=20), nullable=True),
    sa.Column('errors', sa.Integer(), nullable=False),
    sa.Column('warnings', sa.Integer(), nullable=False),
    sa.Column('infos', sa.Integer(), nullable=False),
    sa.Column('first_line', sa.Integer(), nullable=True),
    sa.Column('last_line', sa.Integer(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('field_lines', sa.JSON(), nullable=False),
    sa.Column('read_warnings', sa.JSON(), nullable=False),
    sa.Column('waivers', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'form_index')
    )
    with op.batch_alter_table('forms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forms_department'), ['department'], unique=False)
        batch_op.create_index(batch_op.f('ix_forms_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forms_year'), ['year'], unique=False)

    op.create_table('findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('form_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('severity', sa.String(length=8), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('provided', sa.Text(), nullable=True),
    sa.Column('expected', sa.Text(), nullable=True),
    sa.Column('difference', sa.Float(), nullable=True),
    sa.Column('explanation', sa.Text(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('waived', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['form_id'], ['forms.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findings_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_form_id'), ['form_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_severity'), ['severity'], unique=False)

    op.create_table('fund_rows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('form_id', sa.Integer(), nullable=False),
    sa.Column('row', sa.String(length=20), nullable=False),
    sa.Column('label', sa.String(length=20), nullable=False),
    sa.Column('initial_budget', sa.Float(), nullable=True),
    sa.Column('annual_budget', sa.Float(), nullable=True),
    sa.Column('executed', sa.Float(), nullable=True),
    sa.Column('weight', sa.Float(), nullable=True),
    sa.Column('execution_rate', sa.Float(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('execution_rate_recomputed', sa.Float(), nullable=True),
    sa.Column('score_recomputed', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['form_id'], ['forms.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('form_id', 'row')
    )
    with op.batch_alter_table('fund_rows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fund_rows_form_id'), ['form_id'], unique=False)

    op.create_table('indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('form_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('level1', sa.Text(), nullable=True),
    sa.Column('level2', sa.Text(), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('target', sa.Text(), nullable=True),
    sa.Column('actual', sa.Text(), nullable=True),
    sa.Column('weight', sa.Float(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('deviation', sa.Text(), nullable=True),
    sa.Column('target_op', sa.String(length=4), nullable=True),
    sa.Column('target_number', sa.Float(), nullable=True),
    sa.Column('target_unit', sa.String(length=20), nullable=True),
    sa.Column('actual_op', sa.String(length=4), nullable=True),
    sa.Column('actual_number', sa.Float(), nullable=True),
    sa.Column('actual_unit', sa.String(length=20), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=True),
    sa.Column('score_low', sa.Float(), nullable=True),
    sa.Column('score_high', sa.Float(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['form_id'], ['forms.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicators_form_id'), ['form_id'], unique=False)
        batch_op.create_index('ix_indicators_levels', ['level2', 'name'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_index('ix_indicators_levels')
        batch_op.drop_index(batch_op.f('ix_indicators_form_id'))

    op.drop_table('indicators')
    with op.batch_alter_table('fund_rows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fund_rows_form_id'))

    op.drop_table('fund_rows')
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_findings_severity'))
        batch_op.drop_index(batch_op.f('ix_findings_form_id'))
        batch_op.drop_index(batch_op.f('ix_findings_code'))

    op.drop_table('findings')
    with op.batch_alter_table('forms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forms_year'))
        batch_op.drop_index(batch_op.f('ix_forms_document_id'))
        batch_op.drop_index(batch_op.f('ix_forms_department'))

    op.drop_table('forms')
    op.drop_table('ingest_failures')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_path'))
        batch_op.drop_index(batch_op.f('ix_documents_is_current'))

    op.drop_table('documents')
