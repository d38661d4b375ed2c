"""Reading and writing accord objects as JSON: lossless, strict, canonical and versioned.

>>> from accord import Fact, dumps, loads, Condition
>>> text = dumps(Fact("settlement_signed"))
>>> text
'{"accord_format_version":1,"kind":"fact","name":"settlement_signed"}'
>>> loads(text, Condition)
Fact('settlement_signed')

The format is documented in ``docs/serialisation.md``. In short:

* canonical: keys sorted, separators ``,`` and ``:`` without spaces, UTF-8
  text (no escapes for non-ASCII characters), fields holding their default value
  left out, so one value always gives the same bytes (numbers keep their type
  and Decimals their spelling: ``1``, ``1.0``, ``Decimal("1.0")`` and
  ``Decimal("1.00")`` are equal in Python but written apart);
* strict: exact JSON types, unknown keys refused, unions tagged on ``kind``;
* lossless: ``Decimal`` amounts as strings, other ``Decimal`` numbers as
  ``{"decimal": "1.50"}``, dates as ``YYYY-MM-DD``, durations as ``P10Y``;
* versioned: every top-level document carries ``accord_format_version``.

With the ``fast`` extra, msgspec reads and orjson (or msgspec) writes; the
objects, the bytes and the errors are the same as with the standard library.
``ACCORD_FAST=0`` in the environment switches the fast path off.
"""

import codecs
import io
import json
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any, TypeVar, overload

import attrs

from accord import _codecs, _converter, _plans
from accord._gc import collector_paused
from accord._migrations import FORMAT_VERSION, VERSION_KEY, migrate
from accord._schema import json_schema
from accord._validation import lone_surrogate, show
from accord.errors import LoadError, ValidationError

__all__ = [
    "FORMAT_VERSION",
    "VERSION_KEY",
    "LoadError",
    "dump",
    "dumps",
    "from_dict",
    "json_schema",
    "load",
    "loads",
    "to_dict",
]

T = TypeVar("T")

try:  # optional speed-ups (the ``fast`` extra)
    import orjson as _orjson
except ImportError:  # pragma: no cover - exercised in the CI job without extras
    _orjson = None  # type: ignore[assignment]
try:
    import msgspec as _msgspec

    from accord import _fast
except ImportError:  # pragma: no cover - exercised in the CI job without extras
    _msgspec = None  # type: ignore[assignment]
    _fast = None  # type: ignore[assignment]

_MSGSPEC_ERRORS: tuple[type[Exception], ...] = (_msgspec.EncodeError,) if _msgspec is not None else ()
_WRITE_ERRORS: tuple[type[Exception], ...] = (TypeError, UnicodeEncodeError, *_MSGSPEC_ERRORS)


def _fast_enabled() -> bool:
    return os.environ.get("ACCORD_FAST", "1").strip().lower() not in ("0", "false", "no", "off")


#: Documents from this size on move what they build out of the young generations.
_SETTLE_FROM = 256 * 1024


def _check_serialisable(obj: object) -> None:
    if type(obj) not in _converter.PLAIN_DUMPERS:
        raise ValidationError(f"accord cannot serialise {type(obj).__name__} objects")
    extended = _plans.subclasses_with_fields()
    if extended:
        _refuse_fields_of_subclasses(obj, extended)


def _refuse_fields_of_subclasses(obj: object, extended: dict[type, tuple[type, tuple[str, ...]]]) -> None:
    """Refuse a document holding an object of a subclass with fields of its own, naming its path.

    The constructors accept objects of subclasses of the model classes; one that adds fields
    cannot be written without losing them, so it is refused rather than written as the model
    class it extends. Runs only while such a subclass exists: it walks the whole document.
    """
    stack: list[tuple[str, object]] = [("", obj)]
    while stack:
        path, value = stack.pop()
        cls = value.__class__
        if cls in extended:
            base, fields = extended[cls]
            raise ValidationError(
                f"{path or '(top level)'}: accord cannot write {cls.__name__} objects: a subclass of "
                f"{base.__name__} with fields of its own ({', '.join(fields)}), which the format "
                "has no place for"
            )
        if isinstance(value, tuple):
            stack.extend((f"{path}[{i}]", item) for i, item in reversed(list(enumerate(value))))
        elif attrs.has(cls):
            model = _plans.model_class_of(cls)
            if model is not None:
                for f in reversed(_plans.plan(model).fields):
                    stack.append((f"{path}.{f.name}" if path else f.name, getattr(value, f.name)))


def _unstructure(obj: object) -> dict[str, Any]:
    """The wire dict of *obj* (without the version), through the private cattrs converter."""
    data: dict[str, Any] = _converter.converter.unstructure(obj)
    return data


def to_dict(obj: object) -> dict[str, Any]:
    """The wire form of a model object: a dict of JSON-compatible values.

    The top level carries ``accord_format_version``. Fields holding their
    default value are left out.

    Args:
        obj: any accord model object (a ``Framework``, ``Commitment``, condition, …).

    Raises:
        ValidationError: *obj* is not an accord model object, or holds an object of
            a subclass that adds fields to a model class (its path named).
    """
    _check_serialisable(obj)
    with collector_paused():
        data = _unstructure(obj)
    data[VERSION_KEY] = FORMAT_VERSION
    return data


@overload
def from_dict(data: Mapping[str, Any], cls: type[T]) -> T: ...
@overload
def from_dict(data: Mapping[str, Any], cls: Any) -> Any: ...
def from_dict(data: Mapping[str, Any], cls: Any) -> Any:
    """Build a model object from its wire form (as made by :func:`to_dict`).

    Args:
        data: the wire dict, with ``accord_format_version`` at the top. Subclasses of
            ``dict`` and ``list`` (``OrderedDict``, ruamel.yaml's maps) are read as those.
        cls: the model class, or the ``Condition`` / ``Scale`` union.

    Raises:
        LoadError: listing every problem (the first 1,000, in a document with
            more), each with its path and bad value.
        ValidationError: *cls* is not a model type.
    """
    _check_target(cls)
    if not isinstance(data, dict):
        if isinstance(data, Mapping):
            data = dict(data)
        else:
            raise LoadError(f"document: expected a JSON object, got {_codecs.wire_type(data)}")
    with collector_paused():
        return _from_dict(data, cls, subclasses=True)


def _from_dict(data: dict[str, Any], cls: Any, *, subclasses: bool = False) -> Any:
    body = _unversioned(data)
    try:
        return _converter.converter.structure(body, cls)
    except Exception as failure:  # every failure is explained, with all its problems
        error: BaseException = failure
        if subclasses:  # the loaders test for exact dicts and lists: try again with them
            found: list[type] = []
            try:
                plain = _plain_containers(body, found)
            except RecursionError:
                found.clear()
            if found:
                body = plain
                try:
                    return _converter.converter.structure(body, cls)
                except Exception as again:
                    error = again
        raise _explain(body, cls, error) from None


def _plain_containers(value: Any, found: list[type]) -> Any:
    """*value* with every dict and list subclass (``OrderedDict``, ruamel's maps) as a plain one.

    The classes met are appended to *found*.
    """
    if isinstance(value, dict):
        if value.__class__ is not dict:
            found.append(value.__class__)
        return {key: _plain_containers(item, found) for key, item in value.items()}
    if isinstance(value, list):
        if value.__class__ is not list:
            found.append(value.__class__)
        return [_plain_containers(item, found) for item in value]
    return value


def _check_target(cls: Any) -> None:
    try:
        known = cls in _converter.PLAIN_DUMPERS or cls in (_converter.Condition, _converter.Scale)
    except TypeError:  # unhashable: a list, a dict
        known = False
    if not known:
        raise ValidationError(
            f"accord cannot load {getattr(cls, '__name__', cls)!r}: not an accord model type"
        )


_MISSING: Any = object()


def _unversioned(data: dict[str, Any]) -> dict[str, Any]:
    version = data.get(VERSION_KEY, _MISSING)
    if version is _MISSING:
        raise LoadError(f"{VERSION_KEY}: required key missing (is this an accord document?)")
    if version.__class__ is not int:
        raise LoadError(f"{VERSION_KEY}: {show(version)} is not an integer")
    body = dict(data)
    del body[VERSION_KEY]
    if version != FORMAT_VERSION:
        body = migrate(body, version)
    return body


def _explain(body: Any, cls: Any, failure: BaseException) -> LoadError:
    found = _converter.Problems()
    try:
        _converter.explain(body, cls, found)
    except RecursionError:  # pragma: no cover - depth is bounded while explaining
        list.append(found, "document: nested too deeply")
    problems = list(found)
    if not problems:  # pragma: no cover - the fast and the explaining path disagree: a bug
        if isinstance(failure, ValidationError):
            problems.extend(failure.problems)
        else:
            problems.append(f"document: {type(failure).__name__}: {failure}")
    other = _looks_like(body, cls)
    if other is not None:  # say so first: the key-by-key hints would mislead
        problems.insert(
            0,
            f"document: looks like {_a(other.__name__)}, not {_a(_type_name(cls))} "
            f"(its keys are those of {other.__name__})",
        )
    return LoadError(problems, count=len(problems) + found.unlisted, complete=not found.stopped)


def _type_name(cls: Any) -> str:
    if cls == _converter.Condition:
        return "Condition"
    if cls == _converter.Scale:
        return "Scale"
    return str(getattr(cls, "__name__", cls))


def _looks_like(body: Any, cls: Any) -> type | None:
    """The one other model class *body* is a document of, when it cannot be one of *cls*.

    Only when some key of *body* is not a key of *cls* (of any member of a
    union), and exactly one other class has every key of *body*, every one of
    its required keys (at least one) and, if tagged, the ``kind`` *body* gives.
    """
    if not isinstance(body, dict) or not body:
        return None
    keys = set(body)
    if any(keys <= _plans.plan(member).keys for member in _plans.members(cls)):
        return None  # a document of cls with bad values or missing keys
    found = []
    for other in _plans.MODEL_TYPES:
        p = _plans.plan(other)
        required = {f.alias for f in p.fields if f.required}
        tag_fits = p.tag is None or body.get("kind", p.tag) == p.tag
        if required and required <= keys <= p.keys and tag_fits:
            found.append(other)
    return found[0] if len(found) == 1 else None


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "AEIOU" else "a ") + noun


# --- JSON text ------------------------------------------------------------------------

_ORJSON_DUMPERS = (
    _converter.dumpers_with(_codecs.number_writer(_orjson.Fragment), dates_native=True)
    if _orjson is not None
    else None
)


def _surrogate_at(value: Any, path: str) -> tuple[str, str] | None:
    """The path and text of the first string in a wire value holding a lone surrogate, if any."""
    if isinstance(value, str):
        return (path, value) if lone_surrogate(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and lone_surrogate(key):
                return (path, key)
            found = _surrogate_at(item, _converter.key_path(path, key))
            if found is not None:
                return found
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            found = _surrogate_at(item, f"{path}[{i}]")
            if found is not None:
                return found
    return None


def _cannot_write(obj: object, error: object) -> ValidationError:
    """The error for an object a writer failed on: a lone surrogate (named with its path), else *error*."""
    found = _surrogate_at(_unstructure(obj), "")
    if found is not None:
        path, text = found
        return ValidationError(
            f"cannot write {type(obj).__name__}: {path or 'document'}: {show(text)} contains a lone "
            "UTF-16 surrogate, not a character"
        )
    return ValidationError(f"cannot write {type(obj).__name__}: {error}")


def _dumps_stdlib(obj: object) -> str:
    data = _unstructure(obj)
    data[VERSION_KEY] = FORMAT_VERSION
    try:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    except ValueError as error:
        raise _cannot_write(obj, error) from None
    # json writes lone surrogates as they are (text that is not UTF-8); the fast writers refuse them
    if lone_surrogate(text):
        raise _cannot_write(obj, "lone surrogate")
    return text


# What a fast writer cannot write (a value of a subclass the constructors accept, such as
# numpy.str_, or a lone surrogate) the canonical writer writes, or refuses with its error:
# the same text, or the same error, on every path.


def _write_orjson(obj: object) -> str:
    """The canonical text written by orjson from the dumpers' dicts (raises what orjson cannot write)."""
    assert _ORJSON_DUMPERS is not None
    data = _ORJSON_DUMPERS[type(obj)](obj)
    data[VERSION_KEY] = FORMAT_VERSION
    return _orjson.dumps(data, option=_orjson.OPT_SORT_KEYS).decode()


def _dumps_orjson(obj: object) -> str:
    try:
        return _write_orjson(obj)
    except _WRITE_ERRORS:
        return _dumps_stdlib(obj)


def _dumps_msgspec(obj: object) -> str:
    assert _fast is not None
    try:
        return _fast.encode(obj).decode()
    except _WRITE_ERRORS:
        return _dumps_stdlib(obj)


def dumps(obj: object) -> str:
    """The canonical JSON text of a model object.

    Keys are sorted, separators carry no spaces and non-ASCII characters are
    written as UTF-8, so equal objects give identical text (when their numbers
    have the same types and Decimals the same spelling: ``1`` and ``1.0``, or
    ``Decimal("1.5")`` and ``Decimal("1.50")``, are equal but written apart, so
    that each reads back as it was). With the ``fast``
    extra, msgspec writes it from generated mirrors of the model (or orjson
    from dicts, when only orjson is installed), with identical output.

    Raises:
        ValidationError: *obj* is not an accord model object, holds text that
            cannot be written as UTF-8 (a lone UTF-16 surrogate), or holds an
            object of a subclass that adds fields to a model class (its path named).
    """
    _check_serialisable(obj)
    with collector_paused():
        if _fast_enabled():
            if _fast is not None:
                return _dumps_msgspec(obj)
            if _orjson is not None:
                return _dumps_orjson(obj)
        return _dumps_stdlib(obj)


class _NotJSONError(ValueError):
    """A constant JSON does not have (``NaN``, ``Infinity``), refused by :func:`_reject_constant`."""


def _reject_constant(name: str) -> Any:
    raise _NotJSONError(f"{name} is not valid JSON")


def _parse_stdlib(text: str | bytes) -> Any:
    # Duplicate keys: the last one wins, as with msgspec on the fast path (both
    # paths must agree), and as in most JSON readers. Checking for them costs
    # about a tenth of a canonical load; accord's own writers never produce them.
    return json.loads(text, parse_constant=_reject_constant)


# A UTF-16 surrogate escape that is not half of a pair: not a character, cannot be written as UTF-8.
# ``\\uXXXX`` is an escape only after an even number of backslashes (``\\\\ud800`` is a backslash
# and the text "ud800"): each branch starts at the first of a run of backslashes and counts pairs.
_HIGH = r"[dD][89abAB][0-9a-fA-F]{2}"
_LOW = r"[dD][c-fC-F][0-9a-fA-F]{2}"
_LONE_SURROGATE_ESCAPE_PATTERN = (
    rf"(?<!\\)(?:\\\\)*\\u{_HIGH}(?!\\u{_LOW})"  # a high half not followed by a low half
    rf"|(?<!\\)(?:\\\\)+\\u{_LOW}"  # a low half after escaped backslashes
    rf"|(?<!\\)(?<!\\u{_HIGH})\\u{_LOW}"  # a low half after anything but a high half
    rf"|(?<!\\)(?:\\\\)+u{_HIGH}\\u{_LOW}"  # a low half after text that only looks like a high half
)
_LONE_SURROGATE_ESCAPE = re.compile(_LONE_SURROGATE_ESCAPE_PATTERN)
_LONE_SURROGATE_ESCAPE_BYTES = re.compile(_LONE_SURROGATE_ESCAPE_PATTERN.encode())


def _check_surrogates(text: str | bytes) -> None:
    """Refuse lone surrogates, raw or escaped; both checks are C-speed scans of the text."""
    if isinstance(text, str) and not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            shown = text[error.start : error.end].encode("unicode_escape").decode()
            raise LoadError(
                f"document: invalid JSON: {shown!r} is a lone UTF-16 surrogate, not a character"
            ) from None
    # one character first: finding it is a memchr, several times faster than finding two
    backslash = b"\\" if isinstance(text, bytes) else "\\"
    if backslash not in text:  # type: ignore[operator]
        return
    escape = b"\\u" if isinstance(text, bytes) else "\\u"
    if escape not in text:  # type: ignore[operator]
        return
    if isinstance(text, bytes):
        found_bytes = _LONE_SURROGATE_ESCAPE_BYTES.search(text)
        found = None if found_bytes is None else found_bytes.group(0).decode("ascii")
    else:
        found_text = _LONE_SURROGATE_ESCAPE.search(text)
        found = None if found_text is None else found_text.group(0)
    if found is not None:
        lone = found[-6:]  # every branch ends with the lone escape
        raise LoadError(f"document: invalid JSON: {lone!r} is a lone UTF-16 surrogate, not a character")


def _without_bom(text: str | bytes) -> str | bytes:
    """*text* without a leading byte-order mark (Windows tools write UTF-8 with one)."""
    if isinstance(text, str):
        return text[1:] if text.startswith("\ufeff") else text
    return text[3:] if text.startswith(b"\xef\xbb\xbf") else text


def _as_text(text: object) -> str | bytes:
    if isinstance(text, bytearray | memoryview):
        return bytes(text)
    if not isinstance(text, str | bytes):
        raise ValidationError(f"expected JSON text as str or bytes, got {type(text).__name__}")
    return text


def _decode(text: bytes) -> str:
    """UTF-8 bytes as text, strictly (``json`` would let encoded surrogates through, and guess UTF-16)."""
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as error:
        raise LoadError(
            f"document: not valid UTF-8 at byte {error.start} (0x{text[error.start]:02x}: {error.reason})"
        ) from None


def _parse(text: str | bytes) -> Any:
    """Parse JSON text on the canonical path (the standard library's ``json``)."""
    if isinstance(text, bytes):
        text = _decode(text)
    if not text.strip():
        raise LoadError("document: empty input; expected a JSON object")
    try:
        return _parse_stdlib(text)
    except (RecursionError, json.JSONDecodeError, _NotJSONError) as error:
        raise _invalid_json(error) from None
    except ValueError:  # an int longer than Python converts (sys.get_int_max_str_digits)
        raise _too_long_integer(text) from None


def _invalid_json(error: RecursionError | ValueError) -> LoadError:
    """The error for text the JSON reader refused (too deep, malformed, ``NaN``).

    Text nested deeper than the reader goes (Python's recursion limit) may be valid JSON, so it
    is not called invalid; accord documents nest about 200 levels at most (conditions 100 deep,
    each level an object and an array).
    """
    if isinstance(error, RecursionError):
        reason = "JSON nested too deeply to read (accord documents nest a few hundred levels at most)"
        return LoadError(f"document: {reason}")
    return LoadError(f"document: invalid JSON: {error}")


class _Digits(str):
    """The text of a JSON integer too long for Python to convert (see :func:`_too_long_integer`)."""


def _int_or_digits(text: str) -> int | _Digits:
    try:
        return int(text)
    except ValueError:
        return _Digits(text)


class _Pairs(list[tuple[str, Any]]):
    """A JSON object's members in document order, duplicate keys included."""


def _too_long_integer(text: str) -> LoadError:
    """The error naming the path of the first integer in *text* too long to convert.

    The integer is converted as soon as it is read, so the text may be broken
    further on: read again with the integers kept as text, it may then fail
    as invalid JSON, which is what is reported.
    """
    try:
        data = json.loads(text, parse_int=_int_or_digits, object_pairs_hook=_Pairs)
    except (RecursionError, ValueError) as error:  # json.JSONDecodeError
        return _invalid_json(error)
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:  # depth first, in document order
        path, value = stack.pop()
        if type(value) is _Digits:
            digits, limit = len(value.lstrip("-")), sys.get_int_max_str_digits()
            where = path or "document"
            return LoadError(
                f"{where}: an integer of {digits:,} digits, too long to read (at most {limit:,})"
            )
        if type(value) is _Pairs:
            items = [(f"{path}.{key}" if path else key, item) for key, item in value]
        elif type(value) is list:
            items = [(f"{path}[{i}]", item) for i, item in enumerate(value)]
        else:
            continue
        stack += reversed(items)
    return LoadError("document: invalid JSON: an integer too long to read")  # pragma: no cover


def _load_canonical(text: str | bytes, cls: Any) -> Any:
    data = _parse(text)
    if not isinstance(data, dict):
        raise LoadError(f"document: expected a JSON object, got {_codecs.wire_type(data)}")
    return _from_dict(data, cls)


@overload
def loads(text: str | bytes, cls: type[T]) -> T: ...
@overload
def loads(text: str | bytes, cls: Any) -> Any: ...
def loads(text: str | bytes, cls: Any) -> Any:
    """Read a model object from JSON text written by :func:`dumps`.

    With the ``fast`` extra installed (and ``ACCORD_FAST`` not ``0``) the text
    is decoded by msgspec into generated mirrors of the model first; anything
    that path does not accept is read again on the canonical path, so the
    result or the error is the same either way.

    Args:
        text: the JSON document (``str`` or UTF-8 ``bytes``); a leading byte-order
            mark is skipped. Bytes in other encodings (UTF-16) are refused.
        cls: the model class, or the ``Condition`` / ``Scale`` union.

    Raises:
        LoadError: malformed JSON or not UTF-8, or one line per problem with its path and bad value
            (the first 1,000, in a document with more).
        ValidationError: *cls* is not a model type, or *text* is not ``str`` or ``bytes``.
    """
    _check_target(cls)
    text = _without_bom(_as_text(text))
    _check_surrogates(text)
    with collector_paused(settle=len(text) >= _SETTLE_FROM):
        return _read(text, cls)


def _read(text: str | bytes, cls: Any) -> Any:
    if _fast is not None and _fast_enabled():
        try:
            return _fast.decoder(cls)(text)
        except Exception:  # the canonical path loads it, or says exactly why not
            pass
    return _load_canonical(text, cls)


def dump(obj: object, file: str | os.PathLike[str] | IO[str] | IO[bytes]) -> None:
    """Write the canonical JSON of *obj*, plus a final newline, to a path or an open file.

    A file open for text must write UTF-8, as accord documents are; another
    encoding is refused before anything is written (unless the document is
    ASCII and the encoding writes ASCII as UTF-8 does).

    Raises:
        ValidationError: *obj* is not a model object (see :func:`dumps`),
            *file* is neither a path nor a file open for writing, or a file
            open for text in another encoding than UTF-8.
        OSError: the file cannot be written.
    """
    _check_file(file, "write")
    text = dumps(obj) + "\n"
    if isinstance(file, str | os.PathLike):
        Path(file).write_text(text, encoding="utf-8")
    elif isinstance(file, codecs.StreamWriter | codecs.StreamReaderWriter):
        # codecs.open() and codecs.getwriter() take text, though they show the binary file's mode
        encoding = getattr(file, "encoding", None)
        if not isinstance(encoding, str):  # a StreamWriter's codec is its module: encodings.latin_1
            encoding = type(file).__module__.rpartition(".")[2]
        _check_encoding(encoding, text)
        file.write(text)
    elif isinstance(file, io.RawIOBase | io.BufferedIOBase) or "b" in getattr(file, "mode", ""):
        file.write(text.encode("utf-8"))  # type: ignore[arg-type]
    else:
        _check_encoding(getattr(file, "encoding", None), text)
        file.write(text)  # type: ignore[call-overload]


def _check_encoding(encoding: object, text: str) -> None:
    """Refuse a text file's *encoding* unless it writes *text* as UTF-8 would."""
    if not isinstance(encoding, str):  # io.StringIO and the like: text stays text
        return
    try:
        name = codecs.lookup(encoding).name
        spelt = _ASCII_PROBE.encode(name, "replace")
    except LookupError:  # no text encoding Python knows (a file-like object's own name): not judged
        return
    if name in ("utf-8", "utf-8-sig"):
        return
    if text.isascii() and spelt == _ASCII_PROBE.encode():
        return
    found = _NON_ASCII.search(text)
    other = "" if found is None else f" (it holds {found.group()!r})"
    raise ValidationError(
        f"file: is open for text in {encoding!r}, but accord documents are UTF-8{other}; "
        "open it with encoding='utf-8'"
    )


_ASCII_PROBE = "".join(map(chr, range(128)))
_NON_ASCII = re.compile("[^\x00-\x7f]")


@overload
def load(file: str | os.PathLike[str] | IO[str] | IO[bytes], cls: type[T]) -> T: ...
@overload
def load(file: str | os.PathLike[str] | IO[str] | IO[bytes], cls: Any) -> Any: ...
def load(file: str | os.PathLike[str] | IO[str] | IO[bytes], cls: Any) -> Any:
    """Read a model object from a path or an open file (text or binary).

    Raises:
        LoadError: as :func:`loads`.
        ValidationError: *file* is neither a path nor a file open for reading.
        OSError: the file cannot be read.
    """
    _check_file(file, "read")
    if isinstance(file, str | os.PathLike):
        text: str | bytes = Path(file).read_bytes()
    else:
        text = file.read()
    return loads(text, cls)


def _check_file(file: object, action: str) -> None:
    """Refuse what is neither a path this system can name nor a file open to *action* ("read", "write")."""
    if isinstance(file, str | os.PathLike):
        try:
            os.fsencode(file)
        except UnicodeEncodeError:  # a lone surrogate: no file has such a name
            raise ValidationError(f"file: {show(file)} is not a path this system can name") from None
        return
    reading = action == "read"
    method = getattr(file, action, None)
    able = getattr(file, "readable" if reading else "writable", None)
    # a file that says it cannot (open the other way, or closed) is refused before anything is done
    if not callable(method) or (callable(able) and not _says_yes(able)):
        doing = "reading" if reading else "writing"
        raise ValidationError(f"file: {show(file)} is not a path or a file open for {doing}")


def _says_yes(able: Callable[[], object]) -> bool:
    """What a file's ``readable()`` / ``writable()`` says; a closed file says no."""
    try:
        return bool(able())
    except ValueError:  # I/O operation on closed file
        return False
