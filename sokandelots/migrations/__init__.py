"""Numbered, forward-only schema migrations.

Each module `mNNNN_name.py` in this package has a `migrate(db, migrator)` function.
A migration defines the tables it needs itself (never importing the live models),
so it keeps doing the same thing however the models change later. The numbers of
applied migrations are kept in the `schema_migration` table.
"""
import importlib
import pkgutil
from datetime import datetime, timezone

from peewee import DateTimeField, IntegerField, Model, fn
from playhouse.migrate import SchemaMigrator


class SchemaMigration(Model):
    number = IntegerField(primary_key=True)
    applied_at = DateTimeField()

    class Meta:
        table_name = "schema_migration"


def available():
    """All migration modules as (number, module), in order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            found.append((int(info.name[1:5]), importlib.import_module(f"{__name__}.{info.name}")))
    return sorted(found, key=lambda pair: pair[0])


def current_version(db):
    with db.bind_ctx([SchemaMigration]):
        if not SchemaMigration.table_exists():
            return 0
        return SchemaMigration.select(fn.MAX(SchemaMigration.number)).scalar() or 0


def upgrade(db, target=None):
    """Apply every migration above the current version (up to `target`); return the new version."""
    with db.bind_ctx([SchemaMigration]):
        db.create_tables([SchemaMigration], safe=True)
        done = {m.number for m in SchemaMigration.select()}
        migrator = SchemaMigrator.from_database(db)
        for number, module in available():
            if number in done or (target is not None and number > target):
                continue
            with db.atomic():
                module.migrate(db, migrator)
                SchemaMigration.create(number=number, applied_at=datetime.now(timezone.utc))
    return current_version(db)
