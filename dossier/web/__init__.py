"""The German web UI: server-rendered pages (Jinja2, autoescaped) over dossier.query, with CSS and
a little JavaScript written here (static/). Mounted by :func:`dossier.api.create_app`."""
