"""policy-site: China's skills-subsidy policies as checkable data.

`generator.core` is the validation core (jsonschema and the standard library only, so it
runs unchanged under Pyodide); `generator.definitions` loads `policies/`; `generator.cli`
is the command line; `generator.site` writes the pages and the browser bundle.
"""
