"""Uploaded job-card pictures move from files in the instance folder into the database, so that
every app server sees them and one backup holds them. Files already uploaded are read in; the
folder instance/card_pictures is left as it was (nothing reads it any more), so a failed
upgrade loses no picture."""
import re
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app, has_app_context
from peewee import BlobField, CharField, DateTimeField, Model

LARGE = re.compile(r"^([0-9a-f]{32})\.webp$")


def migrate(db, migrator):
    class CardPicture(Model):
        name = CharField(max_length=32, unique=True)
        large = BlobField()
        small = BlobField()
        uploaded_at = DateTimeField()

        class Meta:
            table_name = "card_picture"

    with db.bind_ctx([CardPicture]):
        db.create_tables([CardPicture])
        folder = Path(current_app.instance_path) / "card_pictures" if has_app_context() else None
        if folder is None or not folder.is_dir():
            return
        for path in sorted(folder.iterdir()):
            match = LARGE.match(path.name)
            small = folder / f"{match.group(1)}-small.webp" if match else None
            if small is None or not small.is_file():
                continue
            uploaded = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
            CardPicture.create(name=match.group(1), large=path.read_bytes(),
                               small=small.read_bytes(), uploaded_at=uploaded.replace(tzinfo=None))
