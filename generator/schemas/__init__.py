"""The application schemas as a published artefact: writing them (``write``), reading the
published ones (``sources``), versions and the changelog (``versions``), and the release gate that decides
whether a new schema may replace its published version (``compat`` compares, ``gate`` judges).
"""
