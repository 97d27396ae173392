"""risk score per form (jixiao.check.risk), computed for the forms already stored

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-10 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    with op.batch_alter_table('forms') as batch:
        batch.add_column(sa.Column('risk', sa.Float(), nullable=True))
        batch.add_column(sa.Column('risk_parts', sa.JSON(), nullable=True))
        batch.create_index('ix_forms_risk', ['risk'], unique=False)
    _score_stored_forms(op.get_bind())


def _score_stored_forms(conn: sa.Connection) -> None:
    """Every stored form's risk from what the tables hold (counts, scores, grade, the total row's budget), with
    the profile its document was checked under."""
    from jixiao.check.profile import DEFAULT_PROFILE, ProfileError, load_profile
    from jixiao.store.rows import risk_columns

    meta = sa.MetaData()
    forms = sa.Table('forms', meta, autoload_with=conn)
    documents = sa.Table('documents', meta, autoload_with=conn)
    funds = sa.Table('fund_rows', meta, autoload_with=conn)
    query = (sa.select(forms.c.id, forms.c.errors, forms.c.warnings, forms.c.total_score,
                       forms.c.total_score_recomputed, forms.c.execution_rate_recomputed, forms.c.grade,
                       forms.c.fund_unit, documents.c.profile, funds.c.annual_budget, funds.c.execution_rate)
             .join(documents, documents.c.id == forms.c.document_id)
             .outerjoin(funds, sa.and_(funds.c.form_id == forms.c.id, funds.c.row == 'total'))
             .order_by(forms.c.id))
    profiles: dict = {}
    update = sa.update(forms).where(forms.c.id == sa.bindparam('form_id')).values(
        risk=sa.bindparam('risk'), risk_parts=sa.bindparam('risk_parts'))
    rows = conn.execute(query).all()
    for start in range(0, len(rows), BATCH):
        values = []
        for row in rows[start:start + BATCH]:
            if row.profile not in profiles:
                try:
                    profiles[row.profile] = load_profile(row.profile)
                except ProfileError:
                    profiles[row.profile] = load_profile(DEFAULT_PROFILE)
            rate = row.execution_rate_recomputed if row.execution_rate_recomputed is not None else row.execution_rate
            columns = risk_columns(profiles[row.profile], errors=row.errors, warnings=row.warnings,
                                   self_score=row.total_score, recomputed_score=row.total_score_recomputed,
                                   execution_rate=rate, grade=row.grade, annual_budget=row.annual_budget,
                                   fund_unit=row.fund_unit)
            values.append({'form_id': row.id, **columns})
        if values:
            conn.execute(update, values)


def downgrade() -> None:
    with op.batch_alter_table('forms') as batch:
        batch.drop_index('ix_forms_risk')
        batch.drop_column('risk_parts')
        batch.drop_column('risk')
