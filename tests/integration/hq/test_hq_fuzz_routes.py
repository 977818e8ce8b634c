"""Hypothesis-generated bad requests against every HQ route: never a 5xx, and HQ works after.

Every route of the app is fuzzed (the routes come from ``app.routes``, their
parameters and body schemas from HQ's own OpenAPI document, so a new endpoint
is covered without touching this file). Requests go straight to the ASGI app
byte for byte, as a server hands them over: a percent-encoded raw path (odd
characters, NUL, bytes that are not UTF-8, very long), a raw query string,
header values with any byte a server lets through (so "²" and 5000-digit
numbers reach the header parsers), and a body delivered in one or several
pieces. Bodies are random bytes, random JSON, JSON of the right shape mutated
(wrong types, huge strings and numbers, deep nesting, NaN, lone surrogates,
NUL, missing and extra fields), gzip that is broken, cut short or a bomb at
HQ's limits, with a right or wrong ``Content-Type`` / ``Content-Encoding`` /
``Content-Length``. Most requests carry the enrolled device's valid token, so
authenticated endpoints are fuzzed past the token check; the rest carry none
or a bad one. A second test pushes events signed with the device's own key,
so the fuzzing goes past the signature check into storage.

Asserted on every answer: status < 500, and a 4xx JSON answer is HQ's error
envelope (:class:`sync.protocol.ErrorBody`); the receipt page's 4xx is its HTML
error page. After the run HQ still answers its health check, and a real push
from the enrolled device is taken whole.

Hypothesis runs derandomized with no example database, so every run sends the
same requests; the number of examples per route is bounded for CI's 2 cores.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import hashlib
import itertools
import json
import re
import string
import traceback
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

import anyio.from_thread
import pytest
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from starlette.routing import Route

from fieldapp.crypto import SigningKey
from fieldapp.events import Event, Kind
from fieldapp.store.identity import device_code_for
from sync import protocol
from sync.hq.app import create_app
from sync.hq.ratelimit import UNLIMITED
from sync.hq.service import Headquarters
from sync.protocol import API_PREFIX, MAX_PUSH_BYTES, PROTOCOL_HEADER, ErrorBody

# A failing example with a 70 kB string is still worth seeing (filterwarnings is "error").
pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
)

# Per route (more where there is more to reach); the whole file stays well under a
# minute on SQLite plus PostgreSQL on two cores.
API_EXAMPLES = 45
BODY_EXAMPLES = 110  # routes that read a body
OTHER_EXAMPLES = 8  # the documentation pages FastAPI adds
SIGNED_EXAMPLES = 70

FUZZ_SETTINGS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "BREW")
FRESH_CODE = "@@fresh-enrollment-code@@"
"""Placeholder in generated enrollment bodies, replaced at send time by a new valid code."""
_ENROLL_MAX = 64 * 1024


# --- sending raw requests to the ASGI app ------------------------------------------------


@dataclass
class Sent:
    """One request as a server hands it to the app."""

    method: str
    raw_path: bytes
    query: bytes = b""
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytes = b""
    pieces: int = 1

    def __repr__(self) -> str:
        def cut(data: bytes) -> str:
            return repr(data[:300]) + (f"... ({len(data)} bytes)" if len(data) > 300 else "")

        headers = [(k.decode("latin-1"), cut(v)) for k, v in self.headers]
        return (
            f"Sent({self.method} {cut(self.raw_path)} ?{cut(self.query)} headers={headers} "
            f"body={cut(self.body)} in {self.pieces} pieces)"
        )


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    crash: str = ""

    def json(self) -> Any:
        return json.loads(self.body)


class Wire:
    """Sends :class:`Sent` requests to an ASGI app on one event loop (a blocking portal)."""

    def __init__(self, app: FastAPI, portal: anyio.from_thread.BlockingPortal) -> None:
        self.app = app
        self.portal = portal

    def send(self, request: Sent) -> Answer:
        return self.portal.call(self._send, request)

    async def _send(self, request: Sent) -> Answer:
        raw_path = request.raw_path
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": request.method,
            "scheme": "http",
            "path": unquote(raw_path.decode("ascii")),  # what uvicorn does
            "raw_path": raw_path,
            "query_string": request.query,
            "root_path": "",
            "headers": [(k.lower(), v) for k, v in request.headers],
            "client": ("127.0.0.1", 50000),
            "server": ("testserver", 80),
            "state": {},
        }
        body = request.body
        size = max(1, -(-len(body) // max(1, request.pieces)))
        chunks = [body[i : i + size] for i in range(0, len(body), size)] or [b""]
        messages = [
            {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
            for i, chunk in enumerate(chunks)
        ]
        done = anyio.Event()
        status = 0
        headers: dict[str, str] = {}
        parts: list[bytes] = []

        async def receive() -> dict[str, Any]:
            if messages:
                return messages.pop(0)
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers.update(
                    (k.decode("latin-1").lower(), v.decode("latin-1"))
                    for k, v in message.get("headers", [])
                )
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                if not message.get("more_body", False):
                    done.set()

        try:
            await self.app(scope, receive, send)
        except Exception:
            return Answer(status or 500, headers, b"".join(parts), traceback.format_exc())
        finally:
            done.set()
        return Answer(status, headers, b"".join(parts))


def check_answer(request: Sent, answer: Answer) -> None:
    """No 5xx; a 4xx is HQ's error envelope (or the receipt page's HTML error page)."""
    shown = f"{request!r}\n-> {answer.status} {answer.body[:600]!r}\n{answer.crash}"
    assert answer.status < 500, shown
    assert not answer.crash, shown
    if answer.status < 400 or request.method == "HEAD":
        return
    content_type = answer.headers.get("content-type", "")
    if content_type.startswith("text/html"):
        assert b"Cannot check" in answer.body, shown  # /verify's page for a person
        return
    assert content_type.startswith("application/json"), shown
    body = answer.json()
    assert isinstance(body, dict) and set(body) == {"detail", "code", "errors"}, shown
    envelope = ErrorBody.model_validate(body)
    assert envelope.detail.strip() and envelope.code.strip(), shown
    assert all(isinstance(line, str) for line in envelope.errors), shown


# --- what each route takes, from app.routes and HQ's OpenAPI document ---------------------


@dataclass(frozen=True)
class Target:
    """A route to fuzz: its methods and the parameters and body its endpoint reads."""

    path: str
    methods: tuple[str, ...]
    path_params: tuple[str, ...]
    query_params: tuple[str, ...]
    header_params: tuple[str, ...]
    body_model: type[BaseModel] | None
    reads_body: bool
    api: bool


def targets_of(app: FastAPI) -> list[Target]:
    """Every route of ``app`` with what it reads (FastAPI's own pages included)."""
    document = app.openapi()
    found = []
    for route in app.routes:
        if not isinstance(route, Route):  # APIRoute is a Route; mounts and websockets: none
            continue
        path = route.path_format
        operations = document["paths"].get(path, {})
        params: dict[str, set[str]] = {"path": set(route.param_convertors), "query": set()}
        params["header"] = set()
        model = None
        reads_body = False
        for method in route.methods or ():
            operation = operations.get(method.lower(), {})
            for param in operation.get("parameters", []):
                params.setdefault(param["in"], set()).add(param["name"])
            content = operation.get("requestBody", {}).get("content", {})
            reads_body = reads_body or bool(content)
            ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
            if ref:
                model = getattr(protocol, ref.rsplit("/", 1)[1])
        found.append(
            Target(
                path=path,
                methods=tuple(sorted(route.methods or ())),
                path_params=tuple(sorted(params["path"])),
                query_params=tuple(sorted(params["query"])),
                header_params=tuple(sorted(params["header"] - {PROTOCOL_HEADER})),
                body_model=model,
                reads_body=reads_body,
                api=bool(operations),
            )
        )
    return found


# --- generated values ---------------------------------------------------------------------

ODD_TEXT = [
    "\x00",
    "a\x00b",
    "\ud800",
    "\udfff",
    "x\udc80y",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\uffff",
    "\U0010ffff",
    "e\u0301",
    "\U0001d518",
    "\U0001f642",
    "\r\n",
    "\t",
    "\x1b[31m",
    "\x7f",
    "\\",
    '"',
    "'",
    "%00",
    "%",
    "../..",
    "/",
    "<script>alert(1)</script>",
    "\u01c5",
    "\u0130",
    "\u00b2",
    "\u0661\u0662",
    "",
    " ",
    "null",
    "NaN",
]
odd_text = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.text(max_size=24),
    st.lists(st.sampled_from(ODD_TEXT) | st.text(max_size=4), max_size=6).map("".join),
    st.sampled_from([63, 64, 65, 128, 129, 4097, 70_000]).map(lambda n: "\u00e9" * n),
)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, -1, 2**31, 2**62, 2**62 + 1, 2**63, -(2**63) - 1, 10**30]),
    st.floats(allow_nan=False, allow_infinity=False),
    odd_text,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(odd_text, inner, max_size=4),
    max_leaves=10,
)


@dataclass(frozen=True)
class Raw:
    """JSON text written as it is (NaN, 1e999, a 5000-digit number, deep nesting...)."""

    text: str


raw_values = st.one_of(
    st.sampled_from(
        ["NaN", "Infinity", "-Infinity", "1e999", "-0", "0.5", "1E400", "-1e-400", "1.0"]
    ).map(Raw),
    st.sampled_from([19, 20, 400, 4300, 4301, 6000]).map(lambda n: Raw("9" * n)),
    st.sampled_from([50, 300, 1000, 5000, 30_000]).map(lambda n: Raw("[" * n + "]" * n)),
    st.sampled_from([50, 300, 1000, 5000]).map(lambda n: Raw('{"a":' * n + "1" + "}" * n)),
    st.sampled_from(
        ['"\\ud800"', '"\\udc00x"', '"\\u0000"', '"\\x41"', '"\\', "'x'", "undefined", "tru"]
    ).map(Raw),
)
bad_values = json_values | raw_values


def dumps(value: Any, *, ascii_only: bool) -> str:
    """JSON text of a generated value (with :class:`Raw` parts written as they are)."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        items = (
            json.dumps(k, ensure_ascii=ascii_only) + ":" + dumps(v, ascii_only=ascii_only)
            for k, v in value.items()
        )
        return "{" + ",".join(items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dumps(v, ascii_only=ascii_only) for v in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


def to_bytes(text: str) -> bytes:
    """UTF-8, except that lone surrogates are written as the bytes they would be (invalid)."""
    return text.encode("utf-8", "surrogatepass")


def from_schema(schema: dict[str, Any], defs: dict[str, Any], name: str = "") -> Any:
    """A strategy for documents fitting a JSON schema (as pydantic writes them)."""
    if "$ref" in schema:
        target = defs[schema["$ref"].rsplit("/", 1)[1]]
        return st.deferred(lambda: from_schema(target, defs))
    if "anyOf" in schema:
        return st.one_of([from_schema(s, defs, name) for s in schema["anyOf"]])
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "string":
        if name == "code":
            return st.sampled_from([FRESH_CODE, "ABCD-EFGH-JKMN-PQRS"]) | st.text(max_size=64)
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True)
        low, high = schema.get("minLength", 0), schema.get("maxLength", 20)
        return st.text(min_size=low, max_size=min(high, max(low, 20)))
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {}), defs), max_size=3)
    if kind == "object":
        properties = schema.get("properties")
        if not properties:
            return st.dictionaries(st.text(max_size=8), json_values, max_size=4)
        required = set(schema.get("required", ()))
        return st.fixed_dictionaries(
            {k: from_schema(v, defs, k) for k, v in properties.items() if k in required},
            optional={
                k: from_schema(v, defs, k) for k, v in properties.items() if k not in required
            },
        )
    return json_values


def _slots(doc: Any) -> Iterator[tuple[Any, Any]]:
    """Every (container, key) of a document, outermost first."""
    stack = [doc]
    while stack:
        node = stack.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node))
        for key in keys:
            yield node, key
            if isinstance(node[key], dict | list):
                stack.append(node[key])


@st.composite
def mutated(draw: st.DrawFn, documents: st.SearchStrategy[Any]) -> Any:
    """A document of the right shape with 0 to 3 things wrong in it."""
    holder = {"doc": draw(documents)}
    for _ in range(draw(st.integers(0, 3))):
        slots = list(_slots(holder))
        node, key = draw(st.sampled_from(slots))
        how = draw(st.sampled_from(["replace", "replace", "drop", "extra", "duplicate"]))
        if how == "replace" or (how == "drop" and node is holder):
            node[key] = draw(bad_values)
        elif how == "drop":
            del node[key]
        elif how == "extra" and isinstance(node[key], dict):
            node[key][draw(odd_text)] = draw(json_values)
        elif how == "duplicate" and isinstance(node[key], list):
            node[key].extend(node[key][:1] * draw(st.integers(1, 3)))
        else:
            node[key] = draw(bad_values)
    return holder["doc"]


def _consistent(doc: Any) -> Any:
    """An enrollment's device code made to match its device id, so some enrollments work."""
    if isinstance(doc, dict) and isinstance(doc.get("device_id"), str) and "device_code" in doc:
        doc["device_code"] = device_code_for(doc["device_id"])
    return doc


@functools.cache
def model_documents(model: type[BaseModel]) -> st.SearchStrategy[Any]:
    """Documents of ``model``'s request schema, as valid as a schema can say."""
    schema = model.model_json_schema(ref_template="#/$defs/{model}")
    return from_schema(schema, schema.get("$defs", {})).map(_consistent)


@functools.cache
def gzip_bombs() -> tuple[bytes, ...]:
    """Bodies that inflate to HQ's limits and past them (made once)."""
    at_limit = b'{"events":[]}'.ljust(MAX_PUSH_BYTES, b" ")
    return (
        gzip.compress(at_limit, compresslevel=1),  # a valid, empty push of exactly the limit
        gzip.compress(at_limit + b" ", compresslevel=1),
        gzip.compress(b"{}".ljust(_ENROLL_MAX + 1, b" "), compresslevel=1),
        gzip.compress(b"\0" * (48 * 1024 * 1024), compresslevel=1),
    )


@st.composite
def bodies(draw: st.DrawFn, target: Target) -> tuple[bytes, bool]:
    """A body, and whether it is gzip-compressed."""
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return b"", False
    if choice == 1:
        return draw(st.binary(max_size=300)), False
    if choice == 2:
        return draw(st.sampled_from(gzip_bombs())), True
    if choice == 3:  # broken gzip: cut short, garbage after the header, or flipped bytes
        whole = gzip.compress(to_bytes(dumps(draw(json_values), ascii_only=True)))
        broken = draw(
            st.sampled_from(
                [
                    whole[: len(whole) // 2],
                    whole[:10] + draw(st.binary(max_size=40)),
                    whole[:-4] + b"\0\0\0\0",
                    b"\x1f\x8b",
                ]
            )
        )
        return broken, True
    if choice <= 5 or target.body_model is None:
        value = draw(bad_values)
    else:
        value = draw(mutated(model_documents(target.body_model)))
    text = dumps(value, ascii_only=draw(st.booleans()))
    data = to_bytes(text)
    if draw(st.integers(0, 4)) == 0:
        return gzip.compress(data, compresslevel=1), True
    return data, False


def header_bytes() -> st.SearchStrategy[bytes]:
    """Any header value a server passes on: visible ASCII, tabs and bytes 0x80-0xFF."""
    allowed = [b for b in range(256) if b == 9 or 32 <= b < 127 or b >= 128]
    return st.lists(st.sampled_from(allowed), max_size=40).map(bytes)


INT_TEXT = [
    "0",
    "1",
    "-1",
    "",
    " 5 ",
    "1e3",
    "0x10",
    "1.5",
    "\u00b2",
    "\u0661",
    str(2**31),
    str(2**62),
    str(2**62 + 1),
    str(2**63),
    str(2**64),
    "9" * 5000,
]


def int_texts(extra: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(INT_TEXT + extra),
        st.integers(-(2**64), 2**64).map(str),
        odd_text.filter(lambda s: len(s) < 5000),
    )


def _quoted(text: str) -> str:
    return quote(to_bytes(text), safe="")


@st.composite
def path_value(draw: st.DrawFn, body: bytes) -> str:
    """A path segment, percent-encoded (or, sometimes, left raw)."""
    value = draw(
        st.one_of(
            st.just(hashlib.sha256(body).hexdigest()),
            st.binary(min_size=32, max_size=32).map(bytes.hex),
            st.binary(min_size=32, max_size=32).map(lambda b: b.hex().upper()),
            st.sampled_from(["0" * 63, "0" * 65, "g" * 64, "R-ABCDE-2025-000001", "..", "."]),
            odd_text,
            st.sampled_from([200, 4096, 70_000]).map(lambda n: "A" * n),
        )
    )
    if draw(st.integers(0, 9)) == 0:
        return quote(to_bytes(value), safe="/%")  # slashes and percent signs as they are
    if draw(st.integers(0, 9)) == 0:
        return "".join(f"%{b:02X}" for b in draw(st.binary(min_size=1, max_size=12)))
    return _quoted(value)


@st.composite
def requests_for(draw: st.DrawFn, target: Target, token: str) -> Sent:
    """A generated request for one route."""
    if draw(st.integers(0, 7)) == 0:
        method = draw(st.sampled_from(METHODS))
    else:
        method = draw(st.sampled_from(target.methods))
    body, gzipped = b"", False
    if target.reads_body or draw(st.integers(0, 4)) == 0:
        body, gzipped = draw(bodies(target))
    path = target.path
    for name in target.path_params:
        path = path.replace("{" + name + "}", draw(path_value(body)), 1)
    raw_path = path.encode("ascii")

    query: list[str] = []
    names = [*target.query_params, "x", "after", "limit", "hash"]
    for _ in range(draw(st.integers(0, 4))):
        key = draw(st.sampled_from(names) | odd_text.filter(lambda s: len(s) < 100))
        value = draw(int_texts([]) | st.binary(min_size=32, max_size=32).map(bytes.hex))
        query.append(f"{_quoted(key)}={_quoted(value)}")
    query_string = "&".join(query).encode("ascii")
    if draw(st.integers(0, 14)) == 0:
        query_string = draw(st.sampled_from([b"%zz&&==&a=%ff", b"&", b"=", b"a=%00", b"a=%e9"]))

    headers: list[tuple[bytes, bytes]] = []
    protocol_choice = draw(st.integers(0, 11))
    if protocol_choice < 9:
        headers.append((PROTOCOL_HEADER.encode(), b"1"))
    elif protocol_choice < 11:
        odd = [b"0", b"2", b" 1 ", b"1, 1", b"\xb2", b"1\xb2", b"9" * 5000, b"01", b"-1", b""]
        headers.append((PROTOCOL_HEADER.encode(), draw(st.sampled_from(odd) | header_bytes())))
    bearer = b"Bearer " + token.encode()
    auth_choice = draw(st.integers(0, 9))
    if auth_choice < 6:
        headers.append((b"Authorization", bearer))
    elif auth_choice < 9:
        bad = [
            b"Bearer",
            b"Bearer ",
            b"bearer " + token.encode(),
            b"Bearer   " + token.encode() + b"  ",
            b"Basic dXNlcjpwYXNz",
            bearer[:-1],
            bearer + b"x",
            bearer + b"\xff",
            b"Bearer \xff\xfe\x80",
            b"Bearer " + b"A" * 5000,
            bearer + b", Bearer x",
        ]
        headers.append((b"Authorization", draw(st.sampled_from(bad) | header_bytes())))
        if draw(st.booleans()):
            headers.append((b"Authorization", bearer))  # a second one
    content_types = [
        b"application/json",
        b"application/json; charset=latin-1",
        b"text/plain",
        b"application/octet-stream",
        b"application/offset+octet-stream",
        b"multipart/form-data; boundary=x",
        b"application/x-www-form-urlencoded",
    ]
    if body or draw(st.booleans()):
        content_type = draw(st.sampled_from(content_types) | header_bytes())
        headers.append((b"Content-Type", content_type))
    encodings = [b"gzip", b"GZIP", b" gzip ", b"deflate", b"br", b"gzip, gzip", b"identity", b""]
    encoding_choice = draw(st.integers(0, 5))
    if (gzipped and encoding_choice > 0) or encoding_choice == 1:
        headers.append((b"Content-Encoding", b"gzip"))
    elif encoding_choice == 2:
        headers.append((b"Content-Encoding", draw(st.sampled_from(encodings) | header_bytes())))
    length_choice = draw(st.integers(0, 9))
    if length_choice < 7:
        headers.append((b"Content-Length", str(len(body)).encode()))
    elif length_choice < 9:
        odd_lengths = [b"\xb2", b"-1", b"9" * 30, b"9" * 5000, b"0", b" 12 ", b"1e3", b"0x10"]
        headers.append((b"Content-Length", draw(st.sampled_from(odd_lengths))))
    for name in target.header_params:
        if draw(st.integers(0, 5)) > 0:
            value = draw(int_texts([str(len(body)), str(len(body) + 1)]))
            headers.append((name.encode(), to_bytes(value)))
    if draw(st.booleans()):
        accept = [b"application/json", b"text/html", b"*/*", b"application/json, text/html"]
        headers.append((b"Accept", draw(st.sampled_from(accept) | header_bytes())))
    return Sent(method, raw_path, query_string, headers, body, draw(st.sampled_from([1, 1, 2, 7])))


# --- signed events: past the signature check ----------------------------------------------

HEX64 = st.binary(min_size=32, max_size=32).map(bytes.hex)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Anything but lone surrogates, which cannot be hashed, so cannot be signed.
signable = st.characters(exclude_categories=("Cs",))


def signable_text(low: int, high: int) -> st.SearchStrategy[str]:
    """Text of ``low`` to ``high`` characters: plain, odd, with control characters, longest."""
    odd = [t for t in ODD_TEXT if low <= len(t) <= high and not _SURROGATE.search(t)]
    plain = st.text(string.ascii_letters + string.digits + "-", min_size=max(low, 1), max_size=high)
    controlled = st.tuples(plain, st.sampled_from(["\x00", "\n", "\x1b", "\u2028"]), plain).map(
        lambda parts: "".join(parts)[:high]
    )
    return st.one_of(
        st.text(signable, min_size=low, max_size=high),
        st.sampled_from(odd),
        controlled,
        st.just("\u00e9" * high),
        st.just("9" * min(high, 400)),
    )


plain_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**80), 2**80),
    st.text(signable, max_size=20),
    st.sampled_from(["\x00", "a\x00", "\u202e", "\U0010ffff", "x" * 70_000]),
)
plain_values = st.recursive(
    plain_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(signable, max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def payloads(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    payload: dict[str, Any] = draw(
        st.dictionaries(st.text(signable, max_size=10), plain_values, max_size=4)
    )
    if kind == Kind.RECEIPT_ISSUED or draw(st.integers(0, 3)) == 0:
        # Right but for one field at most, so that many receipts reach HQ's receipts table;
        # issued_at (kept there as it comes) anything.
        odd = draw(st.sampled_from([None, "receipt_number", "record_hash", "pdf_sha256", "copy"]))
        maybe_hex = signable_text(0, 80) | plain_scalars
        payload.update(
            receipt_number=draw(
                (signable_text(0, 140) | plain_scalars)
                if odd == "receipt_number"
                else st.from_regex(r"R-[A-Z2-7]{5}-20\d\d-\d{6}", fullmatch=True)
            ),
            record_hash=draw(maybe_hex if odd == "record_hash" else HEX64),
            pdf_sha256=draw(maybe_hex if odd == "pdf_sha256" else HEX64),
            copy_number=draw(
                (st.integers(-5, 2**40) | plain_scalars) if odd == "copy" else st.integers(0, 3)
            ),
            issued_at=draw(
                st.sampled_from(
                    ["2025-03-01T12:00:00+00:00", "", "\x00", "2025\x00", "\u00e9" * 65, None, 7]
                )
                | signable_text(0, 200)
            ),
        )
    if draw(st.integers(0, 3)) == 0:
        payload["items"] = [{"photo_hashes": draw(st.lists(HEX64 | plain_scalars, max_size=3))}]
        payload["signatures"] = [{"sha256": draw(HEX64 | plain_scalars)}]
        payload["corrections"] = [{"path": "items.0.photo_hashes", "value": [draw(HEX64)]}]
    # Deeper than ~190 levels HQ answers 400 (its JSON parser's limit): no signed event there.
    depth = draw(st.sampled_from([0, 0, 0, 40, 150]))
    if depth:
        nested: Any = 1
        for _ in range(depth):
            nested = {"n": nested}
        payload["deep"] = nested
    return payload


@dataclass
class Batch:
    """Events to sign with the device's key, their seqs given when sent (see :meth:`signed`)."""

    events: list[Event]
    tampering: list[str | None]
    linked: bool
    at_edge: bool

    def signed(self, key: SigningKey, first: int) -> list[dict[str, Any]]:
        """The events numbered from ``first`` (or up to 2**62, the protocol's last seq),
        chained to each other or not, sealed, and some then tampered with."""
        if self.at_edge:
            first = 2**62 - 2 * len(self.events) + 2
        out: list[dict[str, Any]] = []
        previous: Event | None = None
        for index, (event, tamper) in enumerate(zip(self.events, self.tampering, strict=True)):
            changes: dict[str, Any] = {"seq": first + (index if self.linked else 2 * index)}
            if event.id == "fresh":  # a new id each time (a repeated one is a conflict)
                changes["id"] = str(uuid.UUID(int=changes["seq"]))
            if self.linked and previous is not None:
                changes["prev_hash"] = previous.hash
            previous = dataclasses.replace(event, **changes).sealed(key)
            wire = previous.to_dict()
            if tamper == "payload":
                wire["payload"] = {**wire["payload"], "changed": True}
            elif tamper == "signature":
                wire["signature"] = wire["signature"][::-1]
            out.append(wire)
        return out

    def __repr__(self) -> str:
        return f"Batch({[e.to_dict() for e in self.events]!r:.4000}, {self.tampering})"


@st.composite
def batches(draw: st.DrawFn, device_id: str) -> Batch:
    """1 to 4 events of the device with generated content (clean or odd)."""
    events = []
    for _ in range(draw(st.integers(1, 4))):
        # A clean event is stored (unless tampered with): the content fuzzing reaches the
        # database. An odd one may be odd in any field, and is mostly quarantined.
        fields = ["id", "origin", "prev_hash", "record_id", "record_type", "kind", "base"]
        odd_field = draw(st.sampled_from([None, None, None, *fields, "author", "recorded_at"]))

        def mostly(clean: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> Any:
            field = fields.pop(0) if fields else None  # noqa: B023 (the draws go in order)
            return draw(odd if field == odd_field else clean)  # noqa: B023

        kinds = [Kind.RECEIPT_ISSUED, Kind.FINALIZED, Kind.ADDENDUM, "new_kind"]
        envelope = {
            "id": mostly(st.just("fresh"), signable_text(1, 64)),
            "origin": mostly(st.just(device_id), signable_text(1, 64)),
            "prev_hash": mostly(st.none() | HEX64, signable_text(0, 64)),
            "record_id": mostly(st.uuids().map(str), signable_text(1, 128)),
            "record_type": mostly(st.sampled_from(["encounter", "seizure"]), signable_text(1, 64)),
            "kind": mostly(st.sampled_from(kinds), signable_text(1, 64)),
            "base": mostly(st.none() | HEX64, signable_text(0, 64)),
        }
        fields.extend(["author", "recorded_at"])
        envelope["author"] = mostly(st.just("officer-1"), signable_text(1, 128))
        envelope["recorded_at"] = mostly(
            st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()[:64]),
            st.sampled_from(["2025-03-01T12:00:00", "not a time"]) | signable_text(1, 64),
        )
        events.append(Event(seq=1, payload=draw(payloads(envelope["kind"])), **envelope))
    tampers = st.sampled_from([None] * 8 + ["payload", "signature"])
    tampering = draw(st.lists(tampers, min_size=len(events), max_size=len(events)))
    at_edge = draw(st.sampled_from([False] * 9 + [True]))
    return Batch(events, tampering, draw(st.booleans()), at_edge)


# --- the tests ----------------------------------------------------------------------------


@dataclass
class Fuzz:
    """HQ's app (rate limits off, so fuzzing reaches every endpoint) and the enrolled device."""

    wire: Wire
    hq: Headquarters
    device: Any

    def send(self, request: Sent) -> Answer:
        if (
            request.raw_path == f"{API_PREFIX}/enroll".encode()
            and FRESH_CODE.encode() in request.body
        ):
            code = self.hq.make_enroll_code("fuzzed").code
            body = request.body.replace(FRESH_CODE.encode(), code.encode())
            request = dataclasses.replace(request, body=body, headers=_relength(request, body))
        return self.wire.send(request)

    def api_headers(self) -> list[tuple[bytes, bytes]]:
        return [
            (PROTOCOL_HEADER.encode(), b"1"),
            (b"Authorization", f"Bearer {self.device.token}".encode()),
            (b"Content-Type", b"application/json"),
        ]

    def push(self, events: list[dict[str, Any]], *, ascii_only: bool = True) -> Answer:
        body = json.dumps({"events": events}, ensure_ascii=ascii_only).encode()
        return self.send(Sent("POST", f"{API_PREFIX}/push".encode(), b"", self.api_headers(), body))


def _relength(request: Sent, body: bytes) -> list[tuple[bytes, bytes]]:
    """The request's headers with a right Content-Length made right for ``body``."""
    was = (b"content-length", str(len(request.body)).encode())
    new = str(len(body)).encode()
    return [(k, new if (k.lower(), v) == was else v) for k, v in request.headers]


@pytest.fixture
def fuzz(hq: Headquarters, device: Any) -> Iterator[Fuzz]:
    app = create_app(hq, limits=UNLIMITED)
    with anyio.from_thread.start_blocking_portal() as portal:
        yield Fuzz(Wire(app, portal), hq, device)


def assert_still_serving(fuzz: Fuzz, make_finalized: Callable[..., Any]) -> None:
    """HQ answers its health check and takes a real push from the enrolled device whole."""
    health = fuzz.send(Sent("GET", f"{API_PREFIX}/health".encode()))
    assert health.status == 200, health.body
    assert health.json()["status"] == "ok"
    for _ in range(2):
        make_finalized()
    own = fuzz.device.own_events()
    assert len(own) >= 2
    answer = fuzz.push([e.to_dict() for e in own])
    assert answer.status == 200, answer.body
    pushed = answer.json()
    assert pushed["quarantined"] == [], pushed
    assert pushed["accepted"] == len(own)
    assert pushed["acked_seq"] == own[-1].seq
    assert pushed["acked_hash"] == own[-1].hash
    pull = fuzz.send(Sent("GET", f"{API_PREFIX}/pull".encode(), b"after=0", fuzz.api_headers()))
    assert pull.status == 200, pull.body


def test_every_route_answers_generated_bad_requests_without_a_5xx(
    fuzz: Fuzz, make_finalized: Callable[..., Any]
) -> None:
    targets = targets_of(fuzz.wire.app)
    paths = {t.path for t in targets}
    for needed in (
        "/api/v1/enroll",
        "/api/v1/push",
        "/api/v1/pull",
        "/api/v1/revocation",
        "/api/v1/revocation/wipe-report",
        "/verify/{receipt_number}",
    ):
        assert needed in paths  # the routes were found
    assert any(t.header_params for t in targets) and any(t.body_model for t in targets)
    for target in targets:
        examples = OTHER_EXAMPLES
        if target.api:
            examples = BODY_EXAMPLES if target.reads_body else API_EXAMPLES

        @settings(FUZZ_SETTINGS, max_examples=examples)
        @given(request=requests_for(target, fuzz.device.token))
        def run(request: Sent) -> None:
            check_answer(request, fuzz.send(request))

        run()
    assert_still_serving(fuzz, make_finalized)


def test_events_signed_by_the_device_with_any_content_are_taken_or_quarantined(
    fuzz: Fuzz, make_finalized: Callable[..., Any]
) -> None:
    """Well-formed pushes of validly signed events with odd content: always a 200 that
    accounts for every event (taken, duplicate or quarantined), never a 5xx."""
    key = fuzz.device.store.device.key
    taken = 0
    # Far above the device's own seqs (pushed last, and all to be taken); each batch gets
    # new ones, so that its events are not refused only for a seq an earlier one took.
    seqs = itertools.count(1000, 10)

    @settings(FUZZ_SETTINGS, max_examples=SIGNED_EXAMPLES)
    @given(batch=batches(fuzz.device.device_id), ascii_only=st.booleans())
    def run(batch: Batch, ascii_only: bool) -> None:
        events = batch.signed(key, next(seqs))
        answer = fuzz.push(events, ascii_only=ascii_only)
        shown = f"{events!r:.3000}\n-> {answer.status} {answer.body[:600]!r}\n{answer.crash}"
        assert answer.status == 200, shown
        pushed = answer.json()
        total = pushed["accepted"] + pushed["duplicates"] + len(pushed["quarantined"])
        assert total == len(events), shown
        nonlocal taken
        taken += pushed["accepted"]

    run()
    assert taken >= SIGNED_EXAMPLES // 2  # the fuzzing got past the checks into storage
    assert_still_serving(fuzz, make_finalized)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        (PROTOCOL_HEADER, b"\xb2"),
        (PROTOCOL_HEADER, b"9" * 5000),
        ("Content-Length", b"\xb2"),
        ("Content-Length", b"9" * 5000),
    ],
)
def test_odd_digits_in_number_headers_are_4xx(fuzz: Fuzz, name: str, value: bytes) -> None:
    """Found by the fuzzing above: "²" passes ``str.isdigit`` but not ``int``, and neither
    does a number of thousands of digits; both were a 500."""
    headers = [(k, v) for k, v in fuzz.api_headers() if k.decode().lower() != name.lower()]
    for method, path in (("POST", "push"), ("PUT", "attachments/" + "0" * 64)):
        request = Sent(
            method, f"{API_PREFIX}/{path}".encode(), b"", [*headers, (name.encode(), value)], b"{}"
        )
        answer = fuzz.send(request)
        check_answer(request, answer)
        assert 400 <= answer.status < 500


def test_a_nul_in_an_event_id_is_quarantined_not_a_database_error(fuzz: Fuzz) -> None:
    """Found by the fuzzing above: PostgreSQL cannot compare text holding NUL, so looking
    the id up was a 500 there."""
    event = {
        "id": "a\x00b",
        "origin": fuzz.device.device_id,
        "seq": 1,
        "prev_hash": None,
        "record_id": "r",
        "record_type": "encounter",
        "kind": "finalized",
        "base": None,
        "author": "a",
        "recorded_at": "2025-03-01T12:00:00+00:00",
        "payload": {},
        "hash": "0" * 64,
        "signature": "0" * 128,
    }
    answer = fuzz.push([event])
    assert answer.status == 200, answer.body
    assert [q["code"] for q in answer.json()["quarantined"]] == ["unreadable"]


def test_a_signed_receipt_with_an_odd_issue_time_is_kept_and_verifiable(fuzz: Fuzz) -> None:
    """Found by the fuzzing above: a receipt's ``issued_at`` holding NUL or longer than its
    column was a 500 on PostgreSQL; the event's own time stands in for it."""
    key = fuzz.device.store.device.key
    digest = "a" * 64
    events = [
        Event(
            id=f"0190aaaa-0000-7000-8000-00000000000{n}",
            origin=fuzz.device.device_id,
            seq=1000 + 2 * n,  # not neighbours: neither links to the other
            prev_hash=None,
            record_id="record-1",
            record_type="encounter",
            kind=Kind.RECEIPT_ISSUED,
            base=None,
            author="officer-1",
            recorded_at="2025-03-01T12:00:00+00:00",
            payload={
                "receipt_number": f"R-{n}",
                "record_hash": digest,
                "pdf_sha256": "b" * 64,
                "copy_number": 0,
                "issued_at": issued_at,
            },
        )
        .sealed(key)
        .to_dict()
        for n, issued_at in enumerate(["2025\x00", "9" * 65])
    ]
    answer = fuzz.push(events)
    assert answer.status == 200, answer.body
    assert answer.json()["accepted"] == 2
    for n in range(2):
        verdict = fuzz.hq.verify_receipt(f"R-{n}", digest)
        assert verdict.valid and verdict.issued_at == "2025-03-01T12:00:00+00:00"
