"""The corpus store: SQLAlchemy tables, Alembic migrations, and saving/loading checked forms."""
