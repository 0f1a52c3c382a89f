"""SQLAlchemy 2 models and repositories; no Qt here."""
