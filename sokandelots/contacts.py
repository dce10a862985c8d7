"""Contact ways: an e-mail address, a Swedish mobile number, and how the person wants to be
told of something new (e-mail, SMS or not at all)."""
import re
from collections import namedtuple

from wtforms import ValidationError

from .db import db
from .i18n import lazy_gettext as _l
from .models import OutboxMessage, User

EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
# A Swedish mobile number: 07x with 8 more digits (070, 072, 073, 076, 079), as +467xxxxxxxx.
MOBILE = re.compile(r"7[02369]\d{7}")
Way = namedtuple("Way", "value label picture")
# The choices, with the picture each has on the participant's page.
WAYS = [Way(OutboxMessage.EMAIL, _l("By e-mail"), "email"),
        Way(OutboxMessage.SMS, _l("By SMS"), "phone"),
        Way("", _l("Not at all"), "quiet")]


def email_address(typed):
    """The address without surrounding space, or None when it does not look like one."""
    address = (typed or "").strip()
    return address if len(address) <= 200 and EMAIL.fullmatch(address) else None


def mobile_number(typed):
    """A Swedish mobile number as +467xxxxxxxx, from 070-123 45 67, +46 70 123 45 67 or
    0046701234567; None when it is not one."""
    digits = re.sub(r"[\s\-().]", "", typed or "")
    for prefix in ("+46", "0046", "46", "0"):
        if digits.startswith(prefix) and MOBILE.fullmatch(digits[len(prefix):]):
            return "+46" + digits[len(prefix):]
    return None


def valid_email(form, field):
    """A form validator: empty, or an e-mail address."""
    if field.data and field.data.strip() and email_address(field.data) is None:
        raise ValidationError(_l("This is not an e-mail address. Write it like this: "
                                 "namn@exempel.se"))


def valid_mobile(form, field):
    """A form validator: empty, or a Swedish mobile number."""
    if field.data and field.data.strip() and mobile_number(field.data) is None:
        raise ValidationError(_l("This is not a Swedish mobile number. Write it like this: "
                                 "070-123 45 67"))


def save(user, email, mobile, notify_by):
    """Keep the person's contact ways (already checked by the form)."""
    with db.atomic():
        User.update(email=email_address(email) or "", mobile=mobile_number(mobile) or "",
                    notify_by=notify_by).where(User.id == user.id).execute()
