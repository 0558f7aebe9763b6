"""check_json.py SCHEMA FILE - validates a JSON document (or, for a file
of one JSON object per line, every line) against a JSON Schema 2020-12
with python3-jsonschema, an implementation independent of perfpipe's own.
Exit 0 when valid; 1 with every error listed otherwise."""
import json
import sys

import jsonschema


def main():
    schema_path, path = sys.argv[1], sys.argv[2]
    with open(schema_path) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    with open(path) as f:
        text = f.read()
    try:
        docs = [json.loads(text)]
    except json.JSONDecodeError:
        docs = [json.loads(line) for line in text.splitlines() if line.strip()]
    bad = 0
    for i, doc in enumerate(docs):
        for err in sorted(validator.iter_errors(doc), key=str):
            where = "/".join(str(p) for p in err.absolute_path)
            print(f"{path}: doc {i + 1}: /{where}: {err.message}")
            bad += 1
    sys.exit(1 if bad else 0)


main()
