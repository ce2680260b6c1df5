"""Search over everything a member of staff may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.search.views import SearchPageView


from .common import SUPPORT, app, query, verifier


@route(app, "/search", access=SUPPORT, verifier=verifier)
def search_all(caller: Principal) -> SearchPageView:
    from helpdesk.search.views import SearchPageView, SearchRequest, SearchScope

    wanted = SearchRequest.model_validate(query()).query()
    return SearchPageView.of(container().search.search(SearchScope.staff(), wanted))
