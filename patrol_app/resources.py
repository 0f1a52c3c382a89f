"""Where the files that come with the application are, resolved in one place: the resources
(fonts, translations, sounds, patrol lists and handling) and the database migrations."""

from __future__ import annotations

from pathlib import Path

APP_ROOT = Path(__file__).resolve().parents[1]
RESOURCES_DIR = APP_ROOT / "resources"
MIGRATIONS_DIR = APP_ROOT / "migrations"
