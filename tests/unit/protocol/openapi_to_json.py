#!/usr/bin/env python3
"""openapi_to_json.py SPEC.yaml: prints the OpenAPI document as JSON on stdout.

tests/unit/protocol/ProtocolOpenApiTest.cpp compares hub/openapi.yaml with what core/protocol writes
and requires; this is its YAML reader (PyYAML, Debian's python3-yaml).
"""
import json
import sys

import yaml

with open(sys.argv[1], encoding="utf-8") as spec_file:
    spec = yaml.safe_load(spec_file)
json.dump(spec, sys.stdout, ensure_ascii=False, default=str)
