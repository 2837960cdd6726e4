"""Local SQLite database: models, engine, migrations, backups."""
