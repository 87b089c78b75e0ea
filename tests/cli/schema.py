#!/usr/bin/env python3
"""schema.py SCHEMA COMMAND FILE: validates FILE (one command's JSON output)
against $defs/COMMAND of SCHEMA (JSON Schema 2020-12, python3-jsonschema).
Prints every violation with its path; exit status 1 when there is one."""
import json
import sys

import jsonschema

schema_path, command, path = sys.argv[1:4]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
if command not in schema["$defs"]:
    sys.exit(f"{schema_path}: no $defs/{command}")
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls({**schema, "$ref": "#/$defs/" + command})
with open(path, encoding="utf-8") as f:
    doc = json.load(f)
errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
for e in errors:
    print("/".join(map(str, e.absolute_path)) or "(root)", ":", e.message)
sys.exit(1 if errors else 0)
