"""The complete export of a participant's record, internal notes included, for a formal request."""
from .. import downloads, exports
from ..privacy.export import complete_export as complete
from ..models import User
from ..security import role_required
from . import bp, own_case


@bp.route("/participants/<int:participant_id>/export.zip")
@role_required(User.COACH)
def complete_export(participant_id):
    """Everything stored about the participant, with the internal notes in full, as a zip of the
    data and the sound of the spoken answers."""
    participant = own_case(participant_id).participant
    return downloads.zip_file(complete(participant),
                              exports.sound_files(participant),
                              f"sokandelots-{participant.username}-complete.zip")
