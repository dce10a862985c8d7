"""Pictures that administrators upload for job cards: checked, re-encoded and kept outside the code.

Only real PNG, JPEG, WebP and GIF pictures are taken. Each is decoded and drawn again as a
small WebP file, so nothing hidden in the upload (scripts, metadata, a second file) survives.
They are kept in the database (models.CardPicture), under a random name, never the uploaded
one: one backup, one place, and no shared folder (NFS) for several app servers.
"""
import re
import uuid
from io import BytesIO

from flask import Response, abort
from PIL import Image, ImageOps, UnidentifiedImageError

from ..i18n import lazy_gettext as _l
from ..models import CardPicture

MAX_BYTES = 2 * 1024 * 1024
# A small file can unpack into a huge picture (6300 × 6300 took 2.5 s and 350 MB to decode, a
# 1 × 40,000,000 PNG 10 s), so the size its header declares is checked before decoding. These
# still take any phone's photo (12 MP is 4032 × 3024).
MAX_SIDE = 6000
MAX_PIXELS = 24_000_000
FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
# Each picture is kept in two sizes, in pixels: the card page shows the large one, lists and the
# grid of all cards the small one, so a page full of cards stays light. A picture's address ends
# in its name plus the suffix: /card-pictures/<name>.webp and /card-pictures/<name>-small.webp.
SIDES = {"": 320, "-small": 112}
NAME = re.compile(r"^([0-9a-f]{32})(-small)?\.webp$")

WRONG_TYPE = _l("This file is not a picture we can use. Use a PNG, JPEG or WebP picture.")
TOO_BIG = _l("The picture is too big. Use a picture smaller than 2 MB.")


def _too_many_pixels(width, height):
    return _l("The picture is too large: %(width)d × %(height)d pixels. Use a picture of at most "
              "%(millions)d million pixels and at most %(side)d pixels on each side.",
              width=width, height=height, millions=MAX_PIXELS // 1_000_000, side=MAX_SIDE)


class PictureError(ValueError):
    """An upload that is refused; the message says why, in the reader's language."""


def _reencode(data):
    """The upload drawn again as WebP, once per size: {"": bytes, "-small": bytes}."""
    try:
        # Opening reads only the header; nothing is decoded until the size is known to be fine.
        with Image.open(BytesIO(data)) as probe:
            if probe.format not in FORMATS:
                raise PictureError(WRONG_TYPE)
            width, height = probe.size
            if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
                raise PictureError(_too_many_pixels(width, height))
            probe.verify()
        with Image.open(BytesIO(data)) as image:
            # A JPEG can be decoded straight at a fraction of its size; twice the largest kept
            # size is plenty.
            image.draft("RGB", (2 * max(SIDES.values()),) * 2)
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
    """Check, re-encode and keep an uploaded file; return the name a job card refers to it by
    (JobCard.picture). Raises PictureError."""
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PictureError(TOO_BIG)
    if not data:
        raise PictureError(WRONG_TYPE)
    pictures = _reencode(data)
    row = CardPicture.create(name=uuid.uuid4().hex, large=pictures[""],
                             small=pictures["-small"])
    return f"{row.name}.webp"


def serve(name):
    """One uploaded picture, as an image that the browser can never run as anything else."""
    match = NAME.match(name)
    row = match and CardPicture.get_or_none(CardPicture.name == match.group(1))
    if not row:
        abort(404)
    return Response(bytes(row.small if match.group(2) else row.large), mimetype="image/webp",
                    headers={
                        "Content-Security-Policy": "default-src 'none'; sandbox",
                        "Content-Disposition": "inline"})
