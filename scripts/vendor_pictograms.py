"""Copy the pictograms the app uses from the Twemoji package into static/img/pictograms/.

Usage: npm pack @twemoji/svg@15.0.0, unpack it, then
    python scripts/vendor_pictograms.py path/to/package
It copies one SVG per name below and writes static/img/pictograms/SOURCES.md, the record of
each picture's source and licence. Add a name here when the catalogue needs a new picture.
"""
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "static" / "img" / "pictograms"
SOURCE = "Twemoji 15.0, npm package @twemoji/svg 15.0.0"
LICENCE = "CC BY 4.0, © Twitter, Inc and other contributors (https://creativecommons.org/licenses/by/4.0/)"

# pictogram name -> Twemoji file (Unicode code points of the emoji)
PICTOGRAMS = {
    "alarm-clock": "23f0", "bicycle": "1f6b2", "books": "1f4da", "brain": "1f9e0",
    "briefcase": "1f4bc", "broom": "1f9f9", "bus": "1f68c", "calendar": "1f4c5",
    "calm": "1f9d8", "car": "1f697", "check": "2705", "child": "1f9d2", "clipboard": "1f4cb",
    "clock": "1f553", "coach": "1f9d1-200d-1f3eb", "coffee": "2615", "computer": "1f4bb",
    "cooking": "1f373", "email": "1f4e7", "globe": "1f30d", "graduation": "1f393",
    "handshake": "1f91d", "heart": "2764", "house": "1f3e0", "hug": "1f917",
    "landscape": "1f3de", "learner": "1f530", "light-bulb": "1f4a1", "lightning": "26a1",
    "magnifier": "1f50d", "moon": "1f319", "muscle": "1f4aa", "music": "1f3b5",
    "no-entry": "1f6ab", "numbers": "1f522", "office": "1f3e2", "package": "1f4e6",
    "paw": "1f43e", "people": "1f465", "person": "1f464", "phone": "1f4f1",
    "picture": "1f5bc", "pin": "1f4cd", "quiet": "1f92b", "rainbow": "1f308",
    "raised-hand": "1f64b", "repeat": "1f501", "runner": "1f3c3", "school": "1f3eb",
    "scissors": "2702", "seedling": "1f331", "shield": "1f6e1", "shop": "1f3ea",
    "shopping": "1f6cd", "smile": "1f60a", "sos": "1f198", "sparkles": "2728",
    "speech": "1f4ac", "star": "2b50", "stopwatch": "23f1", "sun": "2600",
    "sunflower": "1f33b", "sunrise": "1f305", "target": "1f3af", "thinking": "1f914",
    "thumbs-up": "1f44d", "train": "1f686", "tree": "1f333", "walker": "1f6b6",
    "wheelchair": "267f", "wrench": "1f527",
}


def main(package):
    TARGET.mkdir(parents=True, exist_ok=True)
    lines = ["# Pictograms", "", f"All pictures here are from {SOURCE}.", f"Licence: {LICENCE}.",
             "Written by `scripts/vendor_pictograms.py`.", "",
             "| file | Twemoji code points | source | licence |", "|---|---|---|---|"]
    for name, code in sorted(PICTOGRAMS.items()):
        shutil.copyfile(Path(package) / f"{code}.svg", TARGET / f"{name}.svg")
        lines.append(f"| {name}.svg | {code} | {SOURCE} | CC BY 4.0 |")
    (TARGET / "SOURCES.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
