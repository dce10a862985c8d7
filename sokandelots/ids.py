"""Ids in addresses and forms: whole numbers that an id column can hold, or nothing."""
from werkzeug.routing import IntegerConverter

# Ids are 32-bit integers in PostgreSQL; SQLite takes 64 bits. A larger number names no row,
# but the database drivers refuse it with an error instead of finding nothing.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<int:...>` in routes: a number too large for an id is a page that is not found (404)."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def parse(text):
    """The id written in a form field, or None when it is not one."""
    try:
        number = int(text)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None
