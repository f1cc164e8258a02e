"""The subset of rpds that jsonschema uses, from pyrsistent-as-rpds-py (browser only)."""

from pyrsistent_as_rpds.pure import *  # noqa: F403  (re-export is the point of this module)

is_pure_pyrsistent_as_rpds = True
