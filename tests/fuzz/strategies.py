"""Hypothesis strategies for the fuzz tests: request bodies derived from the committed OpenAPI document,
mixed with realistic values (so that a body gets past the first check and reaches the services) and with
hostile ones (NUL, lone surrogates, whitespace-only text, extreme dates, wrong types, huge strings).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

DOCUMENT: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "openapi.json").read_text(encoding="utf-8")
)
SCHEMAS: dict[str, Any] = DOCUMENT["components"]["schemas"]
MAX_TEXT = 80  # generated free text stays short unless the schema's bound itself is the target

HOSTILE_STRINGS = [
    "",
    " ",
    " " * 40,
    "\t\n\r " * 10,
    "\x00",
    "Uraian dengan \x00 di tengahnya, cukup panjang untuk lolos batas minimal.",
    "\ud800",  # a lone surrogate: valid as a JSON escape, not encodable as UTF-8
    "\u200b" * 40,  # zero-width spaces: not whitespace for str.isspace
    "\u00a0" * 40,  # non-breaking spaces: whitespace for str.split
    "x" * 6000,
    "😀" * 60,
    "<script>alert(1)</script>",
    "' OR '1'='1' --",
    "../../../etc/passwd",
    "%00",
    "0001-01-01",
    "9999-12-31",
    "2024-02-30",
    "-0001-01-01",
    "1e309",
    "19860926 201505 1 001",
    "19860926201505100A",
    "000000000000000000",
    "999999999999999999",
]
HOSTILE_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2**63,
    -(2**63) - 1,
    10**100,
    1.5,
    [],
    {},
    [None],
    ["\x00"],
    {"$ref": "#"},
    {"a": "\x00"},
    [[[]]],
]


# Hypothesis favours the bounds of an integer range; a sampled list gives a true one-in-ten.
ONE_IN_TEN = st.sampled_from([False] * 9 + [True])


def hostile() -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(HOSTILE_STRINGS), st.sampled_from(HOSTILE_VALUES))


def json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner)),
        max_leaves=6,
    )


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _string(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    if schema.get("format") == "date":
        return st.dates().map(lambda day: day.isoformat())
    if schema.get("format") == "date-time":
        return st.datetimes().map(lambda moment: moment.isoformat())
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True)
    low = schema.get("minLength", 0)
    high = schema.get("maxLength")
    short = st.text(min_size=low, max_size=max(low, min(high or MAX_TEXT, MAX_TEXT)))
    if high is None:
        return short
    # The bounds themselves: one under, at and one over the limit.
    edge = st.sampled_from([max(high - 1, 0), high, high + 1]).map(lambda n: "a" * n)
    return st.one_of(short, edge)


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A strategy for values that conform to ``schema`` (an OpenAPI 3.1 subset: the one ninja writes)."""
    schema = _resolve(schema)
    if "anyOf" in schema or "oneOf" in schema:
        return st.one_of([from_schema(option) for option in schema.get("anyOf", schema.get("oneOf"))])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "string":
        return _string(schema)
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "number":
        return st.floats(schema.get("minimum"), schema.get("maximum"), allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        low = schema.get("minItems", 0)
        high = min(schema.get("maxItems", 5), 5)
        return st.lists(from_schema(schema.get("items", {})), min_size=low, max_size=max(low, high))
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {name: from_schema(sub) for name, sub in properties.items() if name in required},
            optional={name: from_schema(sub) for name, sub in properties.items() if name not in required},
        )
    return json_values()


def request_schema(method: str, path: str) -> dict[str, Any]:
    operation = DOCUMENT["paths"][path][method.lower()]
    return _resolve(operation["requestBody"]["content"]["application/json"]["schema"])


def field(schema: dict[str, Any], pool: list[Any]) -> st.SearchStrategy[Any]:
    """One property's value: realistic (from ``pool``), schema-conforming, or hostile."""
    options = [from_schema(schema), hostile()]
    if pool:
        options[:0] = [st.sampled_from(pool)] * 2  # twice: realistic values reach the services
    return st.one_of(options)


@st.composite
def mutated(
    draw: st.DrawFn, schema: dict[str, Any], seed: dict[str, Any], pools: dict[str, list[Any]]
) -> dict[str, Any]:
    """A valid ``seed`` body with some properties replaced, dropped, or an unknown one added."""
    schema = _resolve(schema)
    properties = schema.get("properties", {})
    body = dict(seed)
    names = sorted(properties)
    for name in draw(st.lists(st.sampled_from(names), max_size=draw(st.integers(0, 3)), unique=True)):
        body[name] = draw(field(properties[name], pools.get(name, [])))
    if draw(ONE_IN_TEN):
        body.pop(draw(st.sampled_from(names)), None)
    if draw(ONE_IN_TEN):
        body[draw(st.sampled_from(["extra", "id", "status", "\x00"]))] = draw(hostile())
    return body


def bodies(
    method: str, path: str, *, seed: dict[str, Any], pools: dict[str, list[Any]]
) -> st.SearchStrategy[Any]:
    """What a client may post to an operation: mostly mutated realistic bodies, some purely schema-drawn
    ones, some arbitrary JSON and some raw text that is not JSON at all (sent as bytes)."""
    schema = request_schema(method, path)
    raw = st.sampled_from(
        [b"", b"{", b"null", b"[]", b'"text"', b"{'a': 1}", b'{"a": NaN}', b'{"a": 1e999}', b"\xff\xfe"]
    ).map(RawBody)
    return st.one_of(
        mutated(schema, seed, pools),
        mutated(schema, seed, pools),
        mutated(schema, seed, pools),
        from_schema(schema),
        json_values(),
        raw,
    )


class RawBody(bytes):
    """Bytes sent as they are, with the JSON content type: malformed JSON."""


def encode(body: Any) -> bytes:
    if isinstance(body, RawBody):
        return bytes(body)
    # ensure_ascii: a lone surrogate travels as the \\ud800 escape, exactly as a hostile client sends it.
    return json.dumps(body, ensure_ascii=True).encode()


def form_values(pool: list[str]) -> st.SearchStrategy[str]:
    """A value of a form field: realistic, free text, or a hostile string (forms only carry text)."""
    strings = [s for s in HOSTILE_STRINGS if "\ud800" not in s]  # not encodable into a form body
    options: list[st.SearchStrategy[str]] = [
        st.text(st.characters(codec="utf-8"), max_size=MAX_TEXT),
        st.sampled_from(strings),
    ]
    if pool:
        options.insert(0, st.sampled_from(pool))
    return st.one_of(options)
