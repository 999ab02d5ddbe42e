from __future__ import annotations

import io

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from tests.factories.portal import JPEG, PDF, PNG, build_catalogue, publish, resident_id

__all__ = ["JPEG", "PDF", "PNG", "publish", "resident_id"]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def id_png():
    return lambda name="id.png", content=PNG: SimpleUploadedFile(
        name, content, content_type="image/png"
    )


@pytest.fixture
def apply_data():
    """apply_data(**overrides) -> a complete, valid POST of the application form."""

    def make(**overrides):
        data = {
            "submission_token": "t" * 32,
            "applicant_type": "natural_person",
            "name": "张三",
            "id_type": "resident_id",
            "id_number": resident_id(),
            "phone": "13900000000",
            "email": "zhang@example.org",
            "address": "",
            "postcode": "",
            "contact_person": "",
            "requested_form": "electronic",
            "delivery": "email",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "1",
            "items-MAX_NUM_FORMS": "10",
            "items-0-description": "2023年度部门预算",
            "items-0-document_number": "",
            "id_document": io.BytesIO(PNG),
        }
        data["id_document"].name = "身份证.png"
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    return make


@pytest.fixture
def catalogue(tree):
    """A published catalogue for 甲市司法局 (see ``build_catalogue``)."""
    return build_catalogue(tree["a"])
