"""The editors' road to review: the form editor (``make edit``) and the submit that opens the pull request.

A local server (``server``) serves a page drawing forms from the models' JSON Schemas
(``forms``, with the vendored json-editor in ``static/vendor/``), saves a form as the YAML an
editor would write (``entries``, ``yamlfile``), checks the site after each save as ``make
check`` does (``checking``) and shows each message beside its field. Pictures are checked by
the media rules (``pictures``); previews use the site's own rendering (``preview``). Who may
use it is decided first, for every request (``guard``). "提交审核" hands the entry's files to
``submit``.
"""
