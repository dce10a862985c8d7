"""Registers every blueprint and the catalogues that templates read."""
from . import admin, auth, catalogues, coach, participant


def init_app(app):
    for blueprint in (auth.bp, participant.bp, coach.bp, admin.bp):
        app.register_blueprint(blueprint)
    app.register_error_handler(429, auth.too_many_attempts)

    @app.context_processor
    def _catalogues():
        return {"steps": catalogues.STEPS, "statuses": catalogues.CASE_STATUSES,
                "commissioners": catalogues.COMMISSIONERS, "roles": catalogues.ROLES}
