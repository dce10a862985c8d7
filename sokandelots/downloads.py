"""Files to download: one way to send JSON and CSV as an attachment with its file name."""
import csv
import io
import json

from flask import Response


def _attachment(body, mimetype, name):
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def json_file(data, name):
    """`data` as readable UTF-8 JSON (dates and decimals as text)."""
    return _attachment(json.dumps(data, ensure_ascii=False, indent=2, default=str),
                       "application/json", name)


# A spreadsheet takes a cell starting with one of these for a formula, which could run commands
# or send the sheet's contents away; OWASP's advice is a leading apostrophe, shown as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text_cell(value):
    """Typed text that a spreadsheet will show as text, never run as a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def csv_file(header, rows, name):
    """A header row and `rows` as CSV (UTF-8, CRLF line ends as RFC 4180 has them), every text
    cell guarded against being taken for a formula (numbers stay numbers)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in [header, *rows]:
        writer.writerow([as_text_cell(value) for value in row])
    return _attachment(out.getvalue(), "text/csv", name)
