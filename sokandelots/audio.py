"""Sound in, sound out: any audio a browser records or a person uploads, and the server's own
speech, made into small Ogg Opus files that every browser plays.

Audio is checked by decoding it, never by its name or type header: what does not decode as sound
is refused. Decoding stops as soon as the sound runs past the time allowed, so a three-hour file
costs no more than a long answer.
"""
import io
from fractions import Fraction

import av

from .i18n import lazy_gettext as _l, lazy_ngettext

# Opus at 24 kHz, one channel, 16 kbit/s: clear speech at about 2 KB a second.
RATE = 24000
BITRATE = 16000
# The server's synthetic voice stays clear at telephone quality: 5.5 kbit/s with Opus's speech
# mode keeps the longest question with its hint and answers under 20 KB, also as separate parts.
SYNTHETIC_BITRATE = 5500
# No encoder's name and version in every file's tags: 32 bytes less a part.
OGG_OPTIONS = {"fflags": "+bitexact"}
# The pause between the parts of a text joined into one file.
GAP_SECONDS = 0.3
# Shorter than this is a slip of the finger or a file cut off after its header.
MIN_SECONDS = 0.3


class AudioError(ValueError):
    """Refused audio, with a message for the person who sent it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


NOT_AUDIO = _l("We cannot play this file. Record again, or choose a sound file.")
EMPTY = _l("The recording is empty. Record again.")


def too_long(max_seconds):
    minutes = max(1, round(max_seconds / 60))
    return lazy_ngettext("The recording is too long. It can be at most %(num)d minute.",
                         "The recording is too long. It can be at most %(num)d minutes.", minutes)


def to_opus(data, max_seconds, bitrate=BITRATE, min_seconds=MIN_SECONDS):
    """`data` (audio in any format FFmpeg reads) as Ogg Opus bytes and its length in seconds;
    AudioError when it is not sound, is shorter than `min_seconds`, or is longer than
    `max_seconds`."""
    if not data:
        raise AudioError(EMPTY)
    try:
        source = av.open(io.BytesIO(data), mode="r")
    except (av.FFmpegError, ValueError, UnicodeDecodeError) as error:
        raise AudioError(NOT_AUDIO) from error
    with source:
        if not source.streams.audio:
            raise AudioError(NOT_AUDIO)
        return _encode(source, max_seconds, bitrate, min_seconds)


def _opus_stream(target, bitrate):
    # At speech bitrates, Opus's speech mode and 60 ms frames (fewer packets to frame) keep a
    # question with its hint and answers under 20 KB.
    options = {"application": "voip", "frame_duration": "60"} if bitrate < BITRATE else {}
    stream = target.add_stream("libopus", rate=RATE, options=options)
    stream.bit_rate = bitrate
    stream.layout = "mono"
    return stream


def _encode(source, max_seconds, bitrate, min_seconds):
    buffer = io.BytesIO()
    resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
    samples = 0
    with av.open(buffer, mode="w", format="ogg", options=OGG_OPTIONS) as target:
        stream = _opus_stream(target, bitrate)
        try:
            for frame in source.decode(audio=0):
                for part in resampler.resample(frame):
                    samples += part.samples
                    if samples > max_seconds * RATE:
                        raise AudioError(too_long(max_seconds))
                    target.mux(stream.encode(part))
        except av.FFmpegError as error:
            raise AudioError(NOT_AUDIO) from error
        for part in resampler.resample(None):
            samples += part.samples
            target.mux(stream.encode(part))
        if samples < min_seconds * RATE or not samples:
            raise AudioError(EMPTY)
        target.mux(stream.encode(None))
    return buffer.getvalue(), samples / RATE


def _silence(samples):
    frame = av.AudioFrame(format="s16", layout="mono", samples=samples)
    for plane in frame.planes:
        plane.update(bytes(plane.buffer_size))
    frame.sample_rate = RATE
    return frame


def join(clips, bitrate=SYNTHETIC_BITRATE):
    """Several clips (Ogg Opus made here) as one Ogg Opus file, in order, with a short pause
    between them, so a browser without JavaScript plays a whole text from one link."""
    buffer = io.BytesIO()
    samples = 0
    with av.open(buffer, mode="w", format="ogg", options=OGG_OPTIONS) as target:
        stream = _opus_stream(target, bitrate)

        def write(frame):
            nonlocal samples
            frame.pts, frame.time_base = samples, Fraction(1, RATE)
            samples += frame.samples
            target.mux(stream.encode(frame))

        for number, clip in enumerate(clips):
            if number:
                write(_silence(int(GAP_SECONDS * RATE)))
            resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
            with av.open(io.BytesIO(clip), mode="r") as source:
                for frame in source.decode(audio=0):
                    for part in resampler.resample(frame):
                        write(part)
            for part in resampler.resample(None):
                write(part)
        target.mux(stream.encode(None))
    return buffer.getvalue()
