"""Files to download: one way to send JSON, CSV and zip files as an attachment with its file name,
and sound to play."""
import csv
import io
import json
import zipfile

from flask import Response, request


def _attachment(body, mimetype, name):
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def json_file(data, name):
    """`data` as readable UTF-8 JSON (dates and decimals as text)."""
    return _attachment(json.dumps(data, ensure_ascii=False, indent=2, default=str),
                       "application/json", name)


def zip_file(data, files, name):
    """`data` as `data.json` (as `json_file` writes it) and `files` ((name, bytes), ...) in one
    zip. Sound is compressed already, so files are stored as they are."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str),
                         compress_type=zipfile.ZIP_DEFLATED)
        for file, body in files:
            archive.writestr(file, body, compress_type=zipfile.ZIP_STORED)
    return _attachment(out.getvalue(), "application/zip", name)


def sound(data):
    """Ogg Opus to play in the page: never kept by the browser or anything between, and in
    parts when the player asks for them (to jump in a long answer)."""
    response = Response(data, mimetype="audio/ogg", headers={"Cache-Control": "no-store"})
    return response.make_conditional(request, accept_ranges=True, complete_length=len(data))


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
