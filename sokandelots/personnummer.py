"""Swedish personal identity numbers (personnummer, and samordningsnummer, whose day is 60 more),
or a date of birth alone: read as typed, checked (a real date, not in the future, the Luhn
check digit), stored as YYYYMMDD-XXXX or YYYYMMDD, and masked for lists as YYYYMMDD-****."""
import re
from datetime import date

from .i18n import lazy_gettext as _l

# 19850312-1234, 198503121234, 850312-1234, 850312+1234 (100 years or older), 8503121234,
# 19850312, 850312 or 1985-03-12; spaces are ignored.
TYPED = re.compile(r"^(?P<century>\d\d)?(?P<year>\d\d)-?(?P<month>\d\d)-?(?P<day>\d\d)"
                   r"(?:(?P<sign>[-+]?)(?P<last>\d{4}))?$")
COORDINATION = 60  # a samordningsnummer's day is the day of birth plus 60


class Invalid(ValueError):
    """What is wrong with a typed number, in words for the person who typed it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def luhn_ok(digits):
    """Whether the last of `digits` is the Luhn check digit of the others: from the right,
    every second digit doubled (its digits added), and the sum a multiple of ten."""
    total = 0
    for place, digit in enumerate(int(d) for d in reversed(digits)):
        value = digit * 2 if place % 2 else digit
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _born(year, month, day):
    try:
        return date(year, month, day - COORDINATION if day > COORDINATION else day)
    except ValueError:
        return None


def parse(typed, today=None):
    """The number as stored ("YYYYMMDD-XXXX", or "YYYYMMDD" for a date of birth alone), "" for
    nothing typed; raises Invalid with a message otherwise."""
    today = today or date.today()
    text = re.sub(r"\s", "", typed or "")
    if not text:
        return ""
    found = TYPED.match(text)
    if not found or (found["sign"] == "+" and found["century"]):
        raise Invalid(_l("Write the date of birth as YYYYMMDD, or the personal identity number "
                         "as YYYYMMDD-XXXX."))
    short_year, month, day = int(found["year"]), int(found["month"]), int(found["day"])
    if found["century"]:
        year = int(found["century"]) * 100 + short_year
    else:
        # Two digits of the year: the latest century that is not in the future, or the one
        # before when "+" says the person is 100 or older.
        year = (today.year // 100) * 100 + short_year
        if _born(year, month, day) is None or _born(year, month, day) > today:
            year -= 100
        if found["sign"] == "+":
            year -= 100
    born = _born(year, month, day)
    if born is None:
        raise Invalid(_l("There is no such date. Check the date of birth."))
    if born > today:
        raise Invalid(_l("The date of birth is in the future. Check the year."))
    stored = f"{year:04d}{month:02d}{day:02d}"
    if found["last"] is None:
        return stored
    if not luhn_ok(stored[2:] + found["last"]):
        raise Invalid(_l("The last digit does not match the others. Check the number."))
    return f"{stored}-{found['last']}"


def mask(stored):
    """The number as lists show it: the date of birth, and the last four digits hidden."""
    if not stored:
        return ""
    return f"{stored[:8]}-****" if len(stored) > 8 else stored


def full(stored):
    """The whole personal identity number, "" when `stored` is a date of birth alone or nothing."""
    return stored if stored and len(stored) > 8 else ""


def birth_date(stored):
    """The date of birth in a stored number, or None."""
    return _born(int(stored[:4]), int(stored[4:6]), int(stored[6:8])) if stored else None
