"""Rules for step 1: the agreement (registration and three-party meeting) and consents."""
from datetime import date

from .models import Agreement, Consent, utcnow

FIELDS = ("referrer", "referrer_contact", "referred_on", "meeting_on", "present", "goals", "roles",
          "expectations", "reach")


def of(participant):
    return Agreement.get_or_none(Agreement.participant == participant)


def token(record):
    """What the agreement form carries to notice a save made meanwhile: when it was saved."""
    return record.updated_at.isoformat() if record else ""


def save(participant, by, values):
    """Store the agreement; a change asks the participant to read it again."""
    row = of(participant) or Agreement(participant=participant)
    for name in FIELDS:
        setattr(row, name, values.get(name) if name.endswith("_on") else (values.get(name) or ""))
    row.updated_at, row.updated_by, row.read_at = utcnow(), by, None
    row.save()
    return row


def consents(participant):
    return list(Consent.select().where(Consent.participant == participant)
                .order_by(Consent.given_on.desc(), Consent.id.desc()))


def consent(participant, consent_id):
    return Consent.get_or_none(Consent.id == consent_id, Consent.participant == participant)


def add_consent(participant, partner, partner_name, what, given_on, how):
    return Consent.create(participant=participant, partner=partner, partner_name=partner_name,
                          what=what, given_on=given_on, how=how)


def ask_to_withdraw(item):
    if item.withdrawn_on is None and item.withdraw_asked_at is None:
        item.withdraw_asked_at = utcnow()
        item.save(only=[Consent.withdraw_asked_at])


def withdraw(item, day=None):
    item.withdrawn_on = day or date.today()
    item.save(only=[Consent.withdrawn_on])


def withdrawals_asked(participant_ids):
    """Participant ids with a withdrawal asked for and not yet recorded."""
    if not participant_ids:
        return set()
    return {row.participant_id for row in Consent.select(Consent.participant).where(
        Consent.participant.in_(participant_ids), Consent.withdraw_asked_at.is_null(False),
        Consent.withdrawn_on.is_null())}
