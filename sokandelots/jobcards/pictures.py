"""Pictures that administrators upload for job cards: checked, re-encoded and kept outside the code.

Only real PNG, JPEG, WebP and GIF pictures are taken. Each is decoded and drawn again as a
small WebP file, so nothing hidden in the upload (scripts, metadata, a second file) survives.
The files live in the instance folder, named by a random name, never by the uploaded name.
"""
import re
import uuid
from io import BytesIO
from pathlib import Path

from flask import Response, abort, current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a small file can still unpack into a huge picture
FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
# Each picture is kept in two sizes, in pixels: the card page shows the large one, lists and the
# grid of all cards the small one, so a page full of cards stays light.
SIDES = {"": 320, "-small": 112}
NAME = re.compile(r"^[0-9a-f]{32}(-small)?\.webp$")

WRONG_TYPE = _l("This file is not a picture we can use. Use a PNG, JPEG or WebP picture.")
TOO_BIG = _l("The picture is too big. Use a picture smaller than 2 MB.")


class PictureError(ValueError):
    """An upload that is refused; the message says why, in the reader's language."""


def folder():
    return Path(current_app.instance_path) / "card_pictures"


def _reencode(data):
    """The upload drawn again as WebP, once per size: {"": bytes, "-small": bytes}."""
    try:
        with Image.open(BytesIO(data)) as probe:
            if probe.format not in FORMATS:
                raise PictureError(WRONG_TYPE)
            if probe.width * probe.height > MAX_PIXELS:
                raise PictureError(TOO_BIG)
            probe.verify()
        with Image.open(BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image).convert("RGBA")
            encoded = {}
            for suffix, side in SIDES.items():
                copy = image.copy()
                copy.thumbnail((side, side))
                out = BytesIO()
                copy.save(out, "WEBP", quality=80)
                encoded[suffix] = out.getvalue()
            return encoded
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        if isinstance(error, PictureError):
            raise
        raise PictureError(WRONG_TYPE) from error


def store(upload):
    """Check and re-encode an uploaded file; return the stored file name. Raises PictureError."""
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PictureError(TOO_BIG)
    if not data:
        raise PictureError(WRONG_TYPE)
    pictures = _reencode(data)
    name = uuid.uuid4().hex
    folder().mkdir(parents=True, exist_ok=True)
    for suffix, picture in pictures.items():
        (folder() / f"{name}{suffix}.webp").write_bytes(picture)
    return f"{name}.webp"


def serve(name):
    """One uploaded picture, as an image that the browser can never run as anything else."""
    path = folder() / name
    if not NAME.match(name) or not path.is_file():
        abort(404)
    # The files are small; reading them whole leaves no file open behind the response.
    return Response(path.read_bytes(), mimetype="image/webp", headers={
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Content-Disposition": "inline"})
