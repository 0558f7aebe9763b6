"""check_json.py SCHEMA [FILE] - validates a JSON document (or, for a file
of one JSON object per line, every line) against a JSON Schema 2020-12
with python3-jsonschema, an implementation independent of perfpipe's own.

Every JSON Schema in SCHEMA's directory is loaded first, so relative
references between them ("defs.schema.json#/$defs/epoch_s") resolve
without the network.  The file is read strictly: NaN, Infinity and a key
repeated in one object are errors, as they are to jansson.

With FILE: exit 0 when valid; 1 with every error listed otherwise, one per
line: "FILE: /json/pointer: message" for a document, "FILE:LINE: ..." for
a stream of one object per line.  Without FILE: checks SCHEMA itself (a
valid 2020-12 schema whose every $ref resolves).  Exit 2 on bad usage."""
import json
import os
import re
import sys

import jsonschema
from jsonschema.exceptions import best_match


class Bad(Exception):
    """The file is not JSON; the message says where."""


def no_constant(name):
    raise ValueError(f"'{name}' is not a JSON number")


def no_repeat(pairs):
    obj = {}
    for k, v in pairs:
        if k in obj:
            raise ValueError(f"key '{k}' repeated in one object")
        obj[k] = v
    return obj


def parse(text):
    return json.loads(text, parse_constant=no_constant,
                      object_pairs_hook=no_repeat)


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise Bad(f"{path}: {e}")
    try:
        return parse(text)
    except json.JSONDecodeError as e:
        raise Bad(f"{path}:{e.lineno}:{e.colno}: {e.msg}")
    except ValueError as e:
        raise Bad(f"{path}: {e}")


def is_json_schema(s):
    """A JSON Schema names its dialect; a Table Schema has "fields"."""
    return (isinstance(s, dict) and "fields" not in s
            and "json-schema.org" in str(s.get("$schema", "")))


def schema_store(schema_path):
    """Every JSON Schema beside schema_path, by $id and by file URI."""
    store = {}
    d = os.path.dirname(os.path.abspath(schema_path))
    for name in sorted(os.listdir(d)):
        if not name.endswith(".json"):
            continue
        p = os.path.join(d, name)
        s = load_json(p)
        if not is_json_schema(s):
            continue        # a Table Schema, checked by check_table.py
        store["file://" + p] = s
        if "$id" in s:
            store[s["$id"]] = s
    return store


def make_validator(schema_path, schema):
    store = schema_store(schema_path)
    base = schema.get("$id", "file://" + os.path.abspath(schema_path))
    cls = jsonschema.Draft202012Validator
    fmt = cls.FORMAT_CHECKER
    try:
        # jsonschema >= 4.18 resolves references through a registry.
        from referencing import Registry, Resource
        registry = Registry().with_resources(
            (uri, Resource.from_contents(s)) for uri, s in store.items())
        return cls(schema, registry=registry, format_checker=fmt), None
    except ImportError:
        resolver = jsonschema.RefResolver(base, schema, store=store)
        return cls(schema, resolver=resolver, format_checker=fmt), resolver


def refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                yield v
            else:
                yield from refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from refs(v)


def check_refs(schema_path, schema, validator, resolver):
    """Messages for every $ref in schema that does not resolve."""
    out = []
    for ref in sorted(set(refs(schema))):
        try:
            if resolver is not None:
                resolver.resolve(ref)
            else:
                validator._resolver.lookup(ref)
        except Exception as e:          # noqa: BLE001 (any failure counts)
            out.append(f"{schema_path}: $ref '{ref}' does not resolve: "
                       f"{type(e).__name__}")
    return out


def documents(path):
    """[(where, doc)]: one document, or one per non-empty line."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise Bad(f"{path}: {e.strerror}")
    except UnicodeDecodeError as e:
        raise Bad(f"{path}: byte {e.start}: not UTF-8")
    try:
        return [(f"{path}:", parse(text))]
    except json.JSONDecodeError as e:
        whole = Bad(f"{path}:{e.lineno}:{e.colno}: {e.msg}")
    except ValueError as e:
        whole = Bad(f"{path}: {e}")
    docs = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            docs.append((f"{path}:{n}:", parse(line)))
        except json.JSONDecodeError as e:
            raise whole if n == 1 else Bad(f"{path}:{n}:{e.colno}: {e.msg}")
        except ValueError as e:
            raise Bad(f"{path}:{n}: {e}")
    if not docs:
        raise Bad(f"{path}: empty file")
    return docs


UNEXPECTED = re.compile(r"\((.*) (?:was|were) unexpected\)")


def errors_of(validator, doc):
    """The errors, sorted; an unevaluatedProperties error is left out
    when each property it names has an error of its own (older
    jsonschema reports a property that failed as unevaluated too)."""
    errs = list(validator.iter_errors(doc))
    paths = {tuple(e.absolute_path) for e in errs}
    out = []
    for e in errs:
        m = UNEXPECTED.search(e.message)
        if e.validator == "unevaluatedProperties" and m:
            names = re.findall(r"'([^']*)'", m.group(1))
            here = tuple(e.absolute_path)
            if names and all(any(p[:len(here) + 1] == here + (n,)
                                 for p in paths) for n in names):
                continue
        out.append(e)
    return sorted(out, key=lambda e: (list(map(str, e.absolute_path)),
                                      e.message))


def main():
    if len(sys.argv) not in (2, 3):
        print("usage: check_json.py SCHEMA [FILE]", file=sys.stderr)
        sys.exit(2)
    schema_path = sys.argv[1]
    try:
        schema = load_json(schema_path)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator, resolver = make_validator(schema_path, schema)
    except Bad as e:
        print(e)
        sys.exit(1)
    except jsonschema.SchemaError as e:
        where = "/".join(str(p) for p in e.absolute_path)
        print(f"{schema_path}: /{where}: {e.message}")
        sys.exit(1)
    if len(sys.argv) == 2:
        bad = check_refs(schema_path, schema, validator, resolver)
        for m in bad:
            print(m)
        sys.exit(1 if bad else 0)
    path = sys.argv[2]
    try:
        docs = documents(path)
    except Bad as e:
        print(e)
        sys.exit(1)
    bad = 0
    for where, doc in docs:
        for err in errors_of(validator, doc):
            ptr = "/".join(str(p) for p in err.absolute_path)
            why = err.message
            if err.context:     # anyOf, oneOf: say which branch came nearest
                why += f" (nearest: {best_match(err.context).message})"
            print(f"{where} /{ptr}: {why}")
            bad += 1
    sys.exit(1 if bad else 0)


main()
