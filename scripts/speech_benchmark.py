"""How fast the server speaks and how big its speech is, per language with a voice.

For one profile question ("licence": the question, its hint and three answers) in each language:
the first byte of server speech for the question text when nothing is cached, the same once
cached, and the bytes of audio of the whole question (question, hint and answers joined, as the
Listen link without JavaScript plays it). Also the biggest question ("interests", 15 answers).
Targets: uncached <= 400 ms, cached <= 20 ms, <= 20 KB.

    .venv/bin/python scripts/speech_benchmark.py
"""
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from flask_babel import force_locale  # noqa: E402

from helpers import make_app  # noqa: E402
from sokandelots import audio  # noqa: E402
from sokandelots.db import db  # noqa: E402
from sokandelots.profile.catalogue import QUESTIONS  # noqa: E402
from sokandelots.speech import server  # noqa: E402


def texts_of(key, locale):
    question = next(q for q in QUESTIONS if q.key == key)
    with force_locale(locale):
        return [str(question.text), str(question.help)] + [str(o.label) for o in question.options]


def first_byte(locale, text):
    """Milliseconds until the audio of `text` is there, as the route gets it."""
    started = time.perf_counter()
    server.speak(locale, text)
    return (time.perf_counter() - started) * 1000


def main():
    app = make_app(Path(tempfile.mkdtemp()))
    print(f"{'locale':8}{'uncached ms':>13}{'cached ms':>11}{'question KB':>13}{'biggest KB':>12}")
    with app.test_request_context(), db.connection_context():
        for locale in server.VOICES:
            parts = texts_of("licence", locale)
            uncached = first_byte(locale, parts[0])
            cached = min(first_byte(locale, parts[0]) for _ in range(5))
            sizes = []
            for key in ("licence", "interests"):
                clips = [server.speak(locale, text) for text in texts_of(key, locale)]
                sizes.append(len(audio.join(clips)) / 1024)
            print(f"{locale:8}{uncached:13.0f}{cached:11.1f}{sizes[0]:13.1f}{sizes[1]:12.1f}")


if __name__ == "__main__":
    main()
