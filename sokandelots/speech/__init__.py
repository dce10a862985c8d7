"""Hearing every participant text: approved recordings, speech made on this server, and the
computer's own voice, in that order of preference."""


def init_app(app):
    from . import links, views
    app.register_blueprint(views.bp)
    app.add_template_global(links.say)
    app.add_template_global(links.listen_start)
    app.add_template_global(links.listen_end)
    app.add_template_global(links.kept)
