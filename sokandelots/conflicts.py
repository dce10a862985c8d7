"""Noticing that someone else saved a record while a form was open, so that no save silently
overwrites another: the form carries a token of the version it was opened on (`seen`), and a
save on an older token shows both versions instead of saving."""
from wtforms import SelectField


def rebase(field, token):
    """Let the form carry `token` from now on (also when it is shown again after a post)."""
    field.data, field.raw_data = token, [token]


def differences(form, saved, names):
    """(label, saved value, my value) as text, for each field whose value differs."""
    found = []
    for name in names:
        field = form[name]
        old, new = saved.get(name), field.data
        if (old or None) != (new or None):
            found.append((field.label.text, _shown(field, old), _shown(field, new)))
    return found


def _shown(field, value):
    if value in (None, ""):
        return "–"
    if isinstance(field, SelectField):
        labels = {str(choice[0]): choice[1] for choice in field.iter_choices()}
        if isinstance(value, (list, tuple)):
            return ", ".join(str(labels.get(str(item), item)) for item in value)
        return str(labels.get(str(value), value))
    return str(value)
