"""The complete export for a formal request (GDPR article 15): the participant's own export and
the internal notes in full."""
from .. import notes
from ..exports import export


def complete_export(participant):
    """The participant's own export and the internal notes in full, for a formal request."""
    record = export(participant)
    record["internal_notes"] = [
        {"text": note.text, "author": note.author.display_name if note.author else None,
         "written": note.created_at} for note in notes.internal_notes(participant)]
    return record
