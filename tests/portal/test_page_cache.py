"""The shared cache of anonymous visitors' public pages (gongkai/portal/page_cache.py)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = pytest.mark.django_db


def _catalogue(catalogue):
    return f"/agency/{catalogue['agency'].pk}/catalogue/"


def test_second_anonymous_visit_is_served_from_the_cache(client, catalogue):
    url = _catalogue(catalogue)
    first = client.get(url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # Another query string or another language is another page.
    assert client.get(url, {"sort": "oldest"})["X-Page-Cache"] == "miss"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english["X-Page-Cache"] == "miss"
    assert english.content != first.content


def test_withdrawn_item_leaves_the_cached_pages_at_once(client, catalogue):
    url = _catalogue(catalogue)
    item_url = catalogue["info"].url
    assert "2023年度部门预算公开" in client.get(url).content.decode()
    assert client.get(item_url).status_code == 200
    assert client.get(item_url)["X-Page-Cache"] == "hit"
    catalogue["info"].unpublish()
    assert "2023年度部门预算公开" not in client.get(url).content.decode()
    assert client.get(item_url).status_code == 404


def test_agency_change_shows_at_once(client, catalogue):
    agency = catalogue["agency"]
    home = f"/agency/{agency.pk}/"
    assert client.get(home)["X-Page-Cache"] == "miss"
    assert client.get(home)["X-Page-Cache"] == "hit"
    agency.phone = "0955-7654321"
    agency.save()
    response = client.get(home)
    assert response["X-Page-Cache"] == "miss"
    assert "0955-7654321" in response.content.decode()


def test_staff_and_forms_are_never_cached(client, catalogue, member):
    agency = catalogue["agency"]
    apply_url = f"/agency/{agency.pk}/apply/"
    client.get(apply_url)
    assert "X-Page-Cache" not in client.get(apply_url)  # carries a CSRF token
    assert "X-Page-Cache" not in client.get("/track/")
    client.force_login(member(agency, "clerk"))
    url = _catalogue(catalogue)
    assert "X-Page-Cache" not in client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_errors_are_not_cached(client, db):
    assert client.get("/agency/999999/").status_code == 404
    assert "X-Page-Cache" not in client.get("/agency/999999/")
