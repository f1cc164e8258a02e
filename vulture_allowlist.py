# Names vulture reports as unused that are used from outside Python's view (make lint runs
# `vulture generator bench vulture_allowlist.py`). Each line says who uses it.
from bench import _server
from generator.core import browser
from generator.site import csp

_server._LoggingHandler.copyfile  # http.server calls it
_server._LoggingHandler.log_request  # http.server calls it
_server._LoggingHandler.log_message  # http.server calls it
browser.match_text  # called by web/worker.mjs in Pyodide
browser.input_limits  # called by web/worker.mjs in Pyodide
browser.schema_text  # called by web/worker.mjs in Pyodide
csp._InlineScripts.handle_starttag  # html.parser calls it
csp._InlineScripts.handle_data  # html.parser calls it
csp._InlineScripts.handle_endtag  # html.parser calls it
from generator.schemas import policy_ref

policy_ref.release_tags  # unused on merging (diff's work in progress): use it or remove it, then drop this line
from generator.site import _precompile

browser.papers_text  # called by web/worker.mjs in Pyodide
browser.totals_text  # called by web/worker.mjs in Pyodide
_precompile.zip_tree.info.compress_type  # read by zipfile when it writes the member
_precompile.zip_tree.info.external_attr  # read by zipfile when it writes the member
from generator.site import _mkdocs_search

_mkdocs_search.SearchSegmenterPlugin  # a MkDocs plugin: the entry point policy-site-search (pyproject.toml)
_mkdocs_search.SearchSegmenterPlugin.on_startup  # mkdocs calls it
_mkdocs_search.material_search.jieba  # Material's search plugin calls its cut()
_mkdocs_search.ExtendedPlugin.reconfigure_search_duplicates  # mkdocs-static-i18n calls it
from generator.site import _mkdocs_templates

_mkdocs_templates.TemplateCachePlugin  # a MkDocs plugin: the entry point policy-site-templates (pyproject.toml)
_mkdocs_templates.TemplateCachePlugin.on_env  # mkdocs calls it
_mkdocs_templates.jinja2.Environment.bytecode_cache  # read by Jinja when it loads a template
from generator.site import _mkdocs_lang

_mkdocs_lang.CodeLanguagePlugin  # a MkDocs plugin: the entry point policy-site-lang (pyproject.toml)
_mkdocs_lang.CodeLanguagePlugin.on_page_content  # mkdocs calls it
_server._LoggingHandler.protocol_version  # read by http.server: HTTP/1.1 keep-alive on the phone link
_server._LoggingHandler.close_connection  # read by http.server: the connection is closed after a broken response
