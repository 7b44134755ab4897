"""Every facet is declared once (``search.facet_table``) and every surface derives from that row."""

from __future__ import annotations

from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from search.cli import _parser
from search.config import ENVIRONMENT, load_settings
from search.facet_table import ENTITY_FACETS, FACET_TABLE, FacetKind
from search.index.schema import build_schema
from web.labels import LABEL_OF
from web.params import request_from_params

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("facet", FACET_TABLE, ids=lambda facet: facet.name)
def test_every_facet_has_a_label_a_flag_and_a_parameter(facet):
    assert facet.label.strip() and facet.search_placeholder.strip()
    assert facet.flag.startswith("--") and len(facet.flag) > 2
    assert facet.param.isidentifier()
    assert LABEL_OF[facet.name] is facet
    assert f"`{facet.param}`" in README and f"{facet.flag} " in README


def test_names_parameters_and_flags_are_unique():
    for spelling in ("name", "param", "flag", "label"):
        values = [getattr(facet, spelling) for facet in FACET_TABLE]
        assert len(set(values)) == len(values), spelling


@pytest.mark.parametrize("facet", FACET_TABLE, ids=lambda facet: facet.name)
def test_the_flag_and_the_parameter_select_the_facet(facet):
    args = _parser(load_settings()).parse_args(["search", "x", facet.flag, "2019", facet.flag, "Antara"])
    assert getattr(args, facet.name) == ["2019", "Antara"]
    params = MultiDict([(facet.param, "2019"), (facet.param + "_q", "ant")])
    request = request_from_params(params.get, params.getlist)
    assert request.filters[facet.name] == ("2019",)
    assert request.facet_search == {facet.name: "ant"}


def test_stored_facets_are_fields_of_the_schema():
    schema = build_schema("none")
    for facet in FACET_TABLE:
        if facet.kind is FacetKind.YEAR:
            assert facet.name not in schema.names()
        else:
            assert facet.name in schema.names() and schema[facet.name].stored
    assert all(schema[name].scorable is False for name in ENTITY_FACETS)


@pytest.mark.parametrize("setting", ENVIRONMENT, ids=lambda setting: setting.name)
def test_every_environment_setting_is_documented(setting):
    assert setting.help.strip()
    assert f"`{setting.variable}`" in README
    assert setting.variable in _parser(load_settings()).format_help()
