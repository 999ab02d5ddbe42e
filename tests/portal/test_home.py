import pytest

pytestmark = pytest.mark.django_db


def test_home_lists_agencies(client, tree):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "甲市人民政府" in body and "甲市司法局" in body
    assert '<html lang="zh-hans">' in body
