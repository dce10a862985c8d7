"""Hearing every participant text: approved recordings, speech made on this server, and the
computer's own voice, in that order of preference."""
