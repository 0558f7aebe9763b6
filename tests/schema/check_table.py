"""check_table.py SCHEMA [FILE] - checks a CSV file against a Frictionless
Table Schema, implementing the rules perfpipe's schemas use:

- fields: name, type (number, integer, string, boolean), constraints
  (required, unique, minimum, maximum, minLength, maxLength, enum,
  pattern); a primaryKey of several fields is unique as a whole; a value listed in missingValues (default [""]) is missing,
  allowed unless required.  Numbers are strict: [-+]digits[.digits][e..],
  "." as the decimal point, no white space, no NaN or inf; booleans are
  true/false unless the field lists trueValues/falseValues.
- fieldsMatch (perfpipe's reading): "equal" or "exact" (the default: every
  field, in this order), "subset" (every field present, in any order,
  other columns allowed), "partial" or "superset" (the columns present are
  a subset of the fields).
- x-fieldPatterns (perfpipe's extension for per-device columns such as
  cpu3_busy_pct): a list of {pattern, type, constraints}; a column that
  is not a listed field must fully match one of them and keep its type.
  They are allowed under any fieldsMatch, between the listed fields.
- the file: UTF-8, "\\n" line ends, one header row of unique names, every
  row as long as the header.

With FILE: exit 0 when the file keeps the schema; 1 with every violation
("FILE:LINE: column 'NAME': why", at most 50) otherwise.  Without FILE:
checks SCHEMA itself is a well-formed Table Schema.  Exit 2 on bad
usage."""
import csv
import io
import json
import re
import sys

TYPES = ("number", "integer", "string", "boolean")
MATCHES = ("equal", "exact", "subset", "partial", "superset")
CONSTRAINTS = {
    "required": (bool,), "unique": (bool,), "minimum": (int, float),
    "maximum": (int, float), "minLength": (int,), "maxLength": (int,),
    "enum": (list,), "pattern": (str,),
}
NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")
INTEGER = re.compile(r"[-+]?[0-9]+")
NAME = re.compile(r"[a-z][a-z0-9_]*")


def check_field(where, fd, errs):
    """Appends to errs what is wrong with one field or field pattern."""
    if not isinstance(fd, dict):
        errs.append(f"{where}: not an object")
        return
    t = fd.get("type", "string")
    if t not in TYPES:
        errs.append(f"{where}: type '{t}' is not one of {list(TYPES)}")
    cons = fd.get("constraints", {})
    if not isinstance(cons, dict):
        errs.append(f"{where}: constraints is not an object")
        return
    for k, v in cons.items():
        if k not in CONSTRAINTS:
            errs.append(f"{where}: unknown constraint '{k}'")
        elif not isinstance(v, CONSTRAINTS[k]) or (
                isinstance(v, bool) and bool not in CONSTRAINTS[k]):
            errs.append(f"{where}: constraint '{k}' has the wrong type")
    if "pattern" in cons and isinstance(cons["pattern"], str):
        try:
            re.compile(cons["pattern"])
        except re.error as e:
            errs.append(f"{where}: bad pattern: {e}")
    if t in ("number", "integer") and "enum" in cons:
        if not all(isinstance(v, (int, float)) for v in cons["enum"]):
            errs.append(f"{where}: enum of a {t} field holds a non-number")


def check_schema(schema):
    """Messages for every structural fault of a Table Schema."""
    errs = []
    if not isinstance(schema, dict):
        return ["not a JSON object"]
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return ["'fields' is not a non-empty array"]
    seen = set()
    for i, fd in enumerate(fields):
        name = fd.get("name") if isinstance(fd, dict) else None
        where = f"field {i + 1} '{name}'"
        if not isinstance(name, str) or not name:
            errs.append(f"field {i + 1}: no name")
        elif name in seen:
            errs.append(f"{where}: name repeated")
        seen.add(name)
        if isinstance(fd, dict) and "type" not in fd:
            errs.append(f"{where}: no type")
        check_field(where, fd, errs)
    if schema.get("fieldsMatch", "equal") not in MATCHES:
        errs.append(f"fieldsMatch '{schema['fieldsMatch']}' is not one of "
                    f"{list(MATCHES)}")
    mv = schema.get("missingValues", [""])
    if not isinstance(mv, list) or not all(isinstance(v, str) for v in mv):
        errs.append("missingValues is not an array of strings")
    pats = schema.get("x-fieldPatterns", [])
    if not isinstance(pats, list):
        errs.append("x-fieldPatterns is not an array")
        pats = []
    for i, p in enumerate(pats):
        where = f"x-fieldPatterns {i + 1}"
        if not isinstance(p, dict) or not isinstance(p.get("pattern"), str):
            errs.append(f"{where}: no pattern")
            continue
        try:
            rx = re.compile(p["pattern"])
        except re.error as e:
            errs.append(f"{where}: bad pattern: {e}")
            continue
        if "type" not in p:
            errs.append(f"{where}: no type")
        check_field(where, p, errs)
        for name in seen:
            if isinstance(name, str) and rx.fullmatch(name):
                errs.append(f"{where}: pattern matches field '{name}'")
    pk = schema.get("primaryKey", [])
    for k in [pk] if isinstance(pk, str) else pk:
        if k not in seen:
            errs.append(f"primaryKey '{k}' is not a field")
    return errs


def check_value(field, value):
    """Why value breaks field, or None."""
    cons = field.get("constraints", {})
    t = field.get("type", "string")
    if t == "integer":
        if not INTEGER.fullmatch(value):
            return f"'{value}' is not an integer"
        v = int(value)
    elif t == "number":
        if not NUMBER.fullmatch(value):
            return f"'{value}' is not a number"
        v = float(value)
        if v in (float("inf"), float("-inf")):
            return f"'{value}' is not a finite number"
    elif t == "boolean":
        yes = field.get("trueValues", ["true"])
        no = field.get("falseValues", ["false"])
        if value not in yes + no:
            return f"'{value}' is not one of {yes + no}"
        v = value in yes
    else:
        v = value
    if "minimum" in cons and v < cons["minimum"]:
        return f"{value} is below the minimum {cons['minimum']}"
    if "maximum" in cons and v > cons["maximum"]:
        return f"{value} is above the maximum {cons['maximum']}"
    if "minLength" in cons and len(value) < cons["minLength"]:
        return f"'{value}' is shorter than {cons['minLength']}"
    if "maxLength" in cons and len(value) > cons["maxLength"]:
        return f"'{value}' is longer than {cons['maxLength']}"
    if "enum" in cons and v not in cons["enum"]:
        return f"'{value}' is not one of {cons['enum']}"
    if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
        return f"'{value}' does not match {cons['pattern']}"
    return None


def check_header(schema, header, errors):
    """Returns the field (or pattern) of each column, None if unknown."""
    fields = {fd["name"]: fd for fd in schema["fields"]}
    names = [fd["name"] for fd in schema["fields"]]
    patterns = [(re.compile(p["pattern"]), p)
                for p in schema.get("x-fieldPatterns", [])]
    match = schema.get("fieldsMatch", "equal")
    dups = sorted({n for n in header if header.count(n) > 1})
    for n in dups:
        errors.append(f"1: column '{n}' repeated in the header")
    cols = []
    for name in header:
        fd = fields.get(name)
        if fd is None:
            fd = next((p for rx, p in patterns if rx.fullmatch(name)), None)
        if fd is None and match != "subset":
            errors.append(f"1: column '{name}' is not in the schema")
        cols.append(fd)
    listed = [n for n in header if n in fields]
    if match in ("equal", "exact") and listed != names:
        missing = [n for n in names if n not in header]
        if missing:
            errors.append(f"1: columns {missing} are missing")
        else:
            errors.append(f"1: columns {listed} are not in the order "
                          f"{names}")
    if match == "subset":
        for n in names:
            if n not in header:
                errors.append(f"1: column '{n}' is missing")
    if match in ("partial", "superset"):
        for n in names:
            if n not in header and fields[n].get(
                    "constraints", {}).get("required"):
                errors.append(f"1: column '{n}' is required but missing")
    return cols


def check_rows(schema, text, errors):
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        check_records(schema, rows, errors)
    except csv.Error as e:
        errors.append(f"{rows.line_num}: {e}")


def check_records(schema, rows, errors):
    missing = set(schema.get("missingValues", [""]))
    header = next(rows, None)
    if header is None:
        errors.append(" empty file, no header")
        return
    cols = check_header(schema, header, errors)
    pk = schema.get("primaryKey", [])
    pk = [pk] if isinstance(pk, str) else pk
    pki = [header.index(k) for k in pk if k in header]
    seen, pkseen = {}, {}
    line = rows.line_num + 1
    for row in rows:
        if len(row) != len(header):
            errors.append(f"{line}: {len(row)} fields, the header has "
                          f"{len(header)}")
        else:
            if len(pk) > 1 and len(pki) == len(pk):
                key = tuple(row[i] for i in pki)
                if key in pkseen:
                    errors.append(f"{line}: primary key {list(key)} "
                                  f"repeats line {pkseen[key]}")
                pkseen.setdefault(key, line)
            for name, fd, value in zip(header, cols, row):
                if fd is None:
                    continue
                if value in missing:
                    why = ("required but empty" if fd.get(
                        "constraints", {}).get("required") else None)
                else:
                    why = check_value(fd, value)
                    if not why and fd.get("constraints", {}).get("unique"):
                        key = (name, value)
                        if key in seen:
                            why = f"'{value}' repeats line {seen[key]}"
                        seen.setdefault(key, line)
                if why:
                    errors.append(f"{line}: column '{name}': {why}")
        line = rows.line_num + 1


def main():
    if len(sys.argv) not in (2, 3):
        print("usage: check_table.py SCHEMA [FILE]", file=sys.stderr)
        sys.exit(2)
    schema_path = sys.argv[1]
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{schema_path}: {e}")
        sys.exit(1)
    bad = check_schema(schema)
    if bad:
        for e in bad:
            print(f"{schema_path}: {e}")
        sys.exit(1)
    if len(sys.argv) == 2:
        sys.exit(0)
    path = sys.argv[2]
    errors = []
    try:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8")
    except OSError as e:
        print(f"{path}: {e.strerror}")
        sys.exit(1)
    except UnicodeDecodeError as e:
        print(f"{path}: byte {e.start}: not UTF-8")
        sys.exit(1)
    if "\r\n" in text:
        n = text[:text.index("\r\n")].count("\n") + 1
        errors.append(f"{n}: line ends in \\r\\n, not \\n")
    check_rows(schema, text, errors)
    for e in errors[:50]:
        print(f"{path}:{e}")
    if len(errors) > 50:
        print(f"{path}: and {len(errors) - 50} more")
    sys.exit(1 if errors else 0)


main()
