"""Any string a person can type, in any search parameter, never causes a 5xx."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PARAMS = ["q", "near", "lat", "lon", "age", "category", "area", "free", "mode", "page", "open_now"]
typed = st.text(st.characters(codec="utf-8"), max_size=300)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=st.dictionaries(st.sampled_from(PARAMS), typed, max_size=4))
def test_no_server_error_for_any_input(client, args):
    for url in ("/api/v1/search", "/search"):
        response = client.get(url, query_string=args, follow_redirects=True)
        assert response.status_code in (200, 400), (url, args, response.status_code)
    response = client.post("/search", data=args, follow_redirects=True)
    assert response.status_code in (200, 400), ("POST /search", args, response.status_code)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=typed)
def test_any_query_text_searches(client, q):
    response = client.get("/api/v1/search", query_string={"q": q})
    assert response.status_code == 200
    assert response.get_json()["total"] >= 0
