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


def csv_file(header, rows, name):
    """A header row and `rows` as CSV (UTF-8, CRLF line ends as RFC 4180 has them)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return _attachment(out.getvalue(), "text/csv", name)
