"""The model's JSON export is the interchange record: every exported form validates against the schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

import jixiao
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(resources.files("jixiao").joinpath("schema/form.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_seed_form_validates(seed, validator):
    for form in jixiao.parse(seed):
        errors = sorted(validator.iter_errors(form.record()), key=str)
        assert not errors, [e.message for e in errors[:5]]


def test_partial_and_empty_forms_validate(validator):
    text = SEEDS[3].read_text(encoding="utf-8").split("\n")
    for cut in (6, 9, 12, 18, 22):
        for form in jixiao.parse_text("\n".join(text[:cut])):
            assert not list(validator.iter_errors(form.record()))
