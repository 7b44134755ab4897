"""Flask application factory: pages and the JSON API, both answered by ``search.query.engine``."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, jsonify, render_template, request
from werkzeug.datastructures import MultiDict

from search.query.live import LiveIndex
from search.index.store import IndexMissingError
from search.query.engine import run
from search.query.params import request_from_params
from search.query.request import SearchRequest
from search.resources import package_dir
from web.formatting import indonesian_date, thousands

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                               "base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def create_app(index_dir: Path) -> Flask:
    """An app serving the index at ``index_dir``; it follows rebuilds without a restart."""
    app = Flask(
        __name__,
        template_folder=package_dir("web.templates"),
        static_folder=package_dir("web.static"),
    )
    app.add_template_filter(indonesian_date, "tanggal")
    app.add_template_filter(thousands, "ribuan")
    live = LiveIndex(index_dir)

    @app.after_request
    def _secure(response):
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.get("/")
    def search_page():
        search = _request_from(request.args)
        try:
            result = run(live.view(), search)
        except IndexMissingError as error:
            return render_template("search.html", search=search, result=None, error=str(error)), 503
        return render_template("search.html", search=search, result=result, error=None)

    @app.get("/api/search")
    def search_api():
        try:
            return jsonify(run(live.view(), _request_from(request.args)))
        except IndexMissingError as error:
            return jsonify({"error": str(error)}), 503

    return app


def _request_from(args: MultiDict) -> SearchRequest:
    return request_from_params(args.get, args.getlist)
