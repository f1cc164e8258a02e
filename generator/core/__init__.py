"""The validation core: one application, one program, findings.

Imports jsonschema and the standard library only, so the very same module runs in CPython
(the CLI, the tests) and in Pyodide (the browser validator).
"""

from generator.core.citations import citation
from generator.core.engine import check
from generator.core.findings import Finding, Result
from generator.core.inputs import parse_application
from generator.core.schema import application_schema

__all__ = ["Finding", "Result", "application_schema", "check", "citation", "parse_application"]
