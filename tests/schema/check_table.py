"""check_table.py SCHEMA FILE - checks a CSV file against a Frictionless
Table Schema, implementing the rules perfpipe's schemas use:

- fields: name, type (number, integer, string, boolean), constraints
  (required, minimum, maximum, enum, pattern); "" is the missing value
  (missingValues), allowed unless required.
- fieldsMatch: "equal" (default: exactly these columns, in this order),
  "subset" (every field present, others allowed), "partial" (the columns
  present are a subset of the fields).
- x-fieldPatterns (perfpipe's extension for per-device columns such as
  cpu3_busy_pct): a list of {pattern, type, constraints}; a column that
  is not a listed field must match one of them and keep its type.

Exit 0 when the file keeps the schema; 1 with every violation otherwise."""
import csv
import json
import re
import sys


def check_value(field, value):
    cons = field.get("constraints", {})
    if value == "":
        return "required but empty" if cons.get("required") else None
    t = field.get("type", "string")
    try:
        if t == "integer":
            if not re.fullmatch(r"[-+]?[0-9]+", value):
                return f"'{value}' is not an integer"
            v = int(value)
        elif t == "number":
            v = float(value)
            if v != v or v in (float("inf"), float("-inf")):
                return f"'{value}' is not a finite number"
        elif t == "boolean":
            if value not in ("true", "false"):
                return f"'{value}' is not true or false"
            v = value
        else:
            v = value
    except ValueError:
        return f"'{value}' is not of type {t}"
    if "minimum" in cons and v < cons["minimum"]:
        return f"{value} is below the minimum {cons['minimum']}"
    if "maximum" in cons and v > cons["maximum"]:
        return f"{value} is above the maximum {cons['maximum']}"
    if "enum" in cons and v not in cons["enum"]:
        return f"'{value}' is not one of {cons['enum']}"
    if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
        return f"'{value}' does not match {cons['pattern']}"
    return None


def main():
    schema_path, path = sys.argv[1], sys.argv[2]
    with open(schema_path) as f:
        schema = json.load(f)
    fields = {fd["name"]: fd for fd in schema["fields"]}
    names = [fd["name"] for fd in schema["fields"]]
    patterns = [(re.compile(p["pattern"]), p)
                for p in schema.get("x-fieldPatterns", [])]
    match = schema.get("fieldsMatch", "equal")
    errors = []
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = next(rows, None)
        if header is None:
            print(f"{path}: empty file")
            sys.exit(1)
        if len(set(header)) != len(header):
            errors.append("header repeats a column")
        cols = []
        for name in header:
            fd = fields.get(name)
            if fd is None:
                fd = next((p for rx, p in patterns if rx.fullmatch(name)), None)
            if fd is None:
                errors.append(f"column '{name}' is not in the schema")
            cols.append(fd)
        listed = [n for n in header if n in fields]
        if match == "equal" and listed != names:
            errors.append(f"columns {listed} are not exactly {names}")
        if match == "subset":
            for n in names:
                if n not in header:
                    errors.append(f"column '{n}' is missing")
        for lineno, row in enumerate(rows, start=2):
            if len(row) != len(header):
                errors.append(f"line {lineno}: {len(row)} fields, header has "
                              f"{len(header)}")
                continue
            for name, fd, value in zip(header, cols, row):
                if fd is None:
                    continue
                why = check_value(fd, value)
                if why:
                    errors.append(f"line {lineno}: column '{name}': {why}")
    for e in errors[:50]:
        print(f"{path}: {e}")
    sys.exit(1 if errors else 0)


main()
