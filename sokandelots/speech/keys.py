"""One key for each text in each language, shared by recordings and server speech, so a
recording and the synthetic voice of the same words are found under the same name."""
import hashlib
import re
import unicodedata

# Letters that speech engines read out by name, or not at all, written as they are meant.
SPOKEN_AS = str.maketrans({
    "\u02bc": "'",  # Ukrainian apostrophe: espeak-ng spells the modifier letter out
    "\u2019": "'", "\u2018": "'",
    "\u00ad": None,  # soft hyphen
    "\u200b": None,  # zero-width space
})
# Control characters, and the marks that turn the direction of text, are never words.
CONTROLS = dict.fromkeys([*range(0x20), *range(0x7f, 0xa0), *range(0x202a, 0x202f),
                          *range(0x2066, 0x206a)], " ")


# Any of the letters above: most texts have none, and translating a text letter by letter takes
# eight times as long as looking for them.
ODD = re.compile("[%s]" % "".join(re.escape(chr(code)) for code in (*SPOKEN_AS, *CONTROLS)))


def normalise(text):
    """The words as they are to be spoken: Unicode-normalised, odd letters made plain, control
    characters dropped, and whitespace (line breaks, runs of spaces) made single spaces."""
    text = unicodedata.normalize("NFC", str(text))
    if ODD.search(text):
        text = text.translate(SPOKEN_AS).translate(CONTROLS)
    return " ".join(text.split())


def text_key(locale, text):
    """The key of `text` spoken in `locale`: the same words always give the same key."""
    return words_key(locale, normalise(text))


def words_key(locale, words):
    """`text_key` of words already normalised."""
    return hashlib.sha256(f"{locale}\n{words}".encode()).hexdigest()[:32]
