"""Shared test setup: hypothesis profiles and the location of real corpora."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Shared, noisy machines: no deadlines; CI runs derandomized so a failure reproduces.
settings.register_profile(
    "ci", derandomize=True, deadline=None, max_examples=200,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLE_ARTICLE = SHARED / "examples" / "rt-arabic-russia-iran-2022-01-20.txt"


def shared_data_dir() -> Path | None:
    """The real-corpora folder: FRAMING_DATA, else ../shared/data beside the repo."""
    env = os.environ.get("FRAMING_DATA")
    for candidate in ([Path(env)] if env else []) + [SHARED / "data"]:
        if candidate.is_dir():
            return candidate
    return None


@pytest.fixture
def example_article() -> Path:
    if not EXAMPLE_ARTICLE.is_file():
        pytest.skip(f"the shared example article is absent ({EXAMPLE_ARTICLE})")
    return EXAMPLE_ARTICLE


def validate_article(doc: dict) -> dict:
    """Validate an article document against the published JSON Schema (schema_version 1)."""
    import json
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("framing").joinpath("data/schema/article.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    for p in doc.get("paragraphs", []):
        assert doc["text"][p["start"] : p["end"]] == p["text"]
        for c in p.get("cues", []):
            assert doc["text"][c["start"] : c["end"]] == c["text"]
    return doc


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory):
    """Build the default model once per test session, in a temporary cache (never the user's)."""
    old = os.environ.get("FRAMING_CACHE")
    os.environ["FRAMING_CACHE"] = str(tmp_path_factory.mktemp("framing-cache"))
    yield
    if old is None:
        os.environ.pop("FRAMING_CACHE", None)
    else:
        os.environ["FRAMING_CACHE"] = old
