"""How fast the server speaks and how big its speech is, per language with a voice, measured over
HTTP from the app's own audio address as a browser gets it.

For one profile question ("licence": the question, its hint and three answers) in each language:
- uncached: milliseconds to the first byte of a question's audio when it is not cached (the
  moment Listen can start; the question of "interests"), and to the last byte of the whole
  question as one file when none of it is cached (the Listen link without JavaScript);
- cached: the same first byte once the speech is kept;
- bytes of audio of the whole question, and of the biggest question ("interests", 15 answers).
Targets: uncached <= 400 ms, cached <= 20 ms, <= 20 KB a question.

    .venv/bin/python scripts/speech_benchmark.py
"""
import logging
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from flask_babel import force_locale  # noqa: E402

from helpers import make_app  # noqa: E402
from sokandelots.profile.catalogue import BY_KEY  # noqa: E402
from sokandelots.speech import links, server  # noqa: E402


def texts_of(app, key, locale):
    question = BY_KEY[key]
    with app.test_request_context(), force_locale(locale):
        return [str(question.text), str(question.help)] + [str(o.label) for o in question.options]


def address(app, locale, texts):
    with app.test_request_context(), force_locale(locale):
        return links.audio_url([links.part(text, locale) for text in texts])


def fetch(url):
    """(milliseconds to the first byte of the body, milliseconds to the end, bytes)."""
    started = time.perf_counter()
    with urllib.request.urlopen(url) as response:
        first = response.read(1)
        at_first = time.perf_counter()
        data = first + response.read()
    return (at_first - started) * 1000, (time.perf_counter() - started) * 1000, len(data)


def main():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = make_app(Path(tempfile.mkdtemp()))
    http = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{http.server_port}"
    print(f"{'locale':8}{'uncached ms':>13}{'whole ms':>10}{'cached ms':>11}"
          f"{'question B':>12}{'biggest B':>11}")
    for locale in server.VOICES:
        parts, other = texts_of(app, "licence", locale), texts_of(app, "interests", locale)
        _, whole_ms, question_bytes = fetch(base + address(app, locale, parts))  # none cached
        uncached = fetch(base + address(app, locale, other[:1]))[0]  # not cached either
        first = base + address(app, locale, parts[:1])
        cached = min(fetch(first)[0] for _ in range(5))
        biggest = fetch(base + address(app, locale, other))[2]
        print(f"{locale:8}{uncached:13.0f}{whole_ms:10.0f}{cached:11.1f}"
              f"{question_bytes:12d}{biggest:11d}")
    http.shutdown()


if __name__ == "__main__":
    main()
