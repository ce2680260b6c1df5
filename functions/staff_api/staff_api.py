"""Staff API: the console's backend. Routes parse, call one service, and return a view model."""

from helpdesk.api.app import new_app
from helpdesk.api.errors import mapped
from helpdesk.bootstrap import container
from helpdesk.services.health import check_health
from helpdesk.settings import get_settings

app = new_app("helpdesk-staff", get_settings().console_url)


@app.route("/health", methods=["GET"])
@mapped
def health():
    c = container()
    return check_health(c.queue_monitor, c.settings.queue_names)
