"""Application schemas and what changes between their versions: compatibility, policy diff."""
