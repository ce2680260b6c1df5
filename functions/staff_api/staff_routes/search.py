"""Search over everything a member of staff may see."""

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container
from helpdesk.search.views import SearchPageView, SearchRequest, SearchScope

from .common import SUPPORT, app, query, verifier


@route(app, "/search", access=SUPPORT, verifier=verifier)
def search_all(caller: Principal) -> SearchPageView:
    wanted = SearchRequest.model_validate(query()).query()
    return SearchPageView.of(container().search.search(SearchScope.staff(), wanted))
