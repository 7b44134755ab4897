"""Flask application factory: pages, HTML fragments for the script, and the JSON API.

Every route reads the same URL parameters through ``web.params`` and asks
the same :class:`LiveIndex`, so the page, its fragments and ``/api/search`` always
agree, and a rebuilt index is picked up by the next request without a restart.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from flask import Flask, Response, abort, jsonify, make_response, redirect, render_template, request, url_for
from flask.json.provider import DefaultJSONProvider
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from search.config import DEFAULT_PER_PAGE, load_settings
from search.facet_table import ENTITY_PAGES
from search.query import (
    IndexMissingError,
    LiveIndex,
    SearchRequest,
    Suggestion,
    complete,
    entity_page,
    load_article,
    printable_text,
    related_articles,
)
from search.query import search as search_index
from search.resources import package_dir
from web.entity_view import entity_path, entity_view, facet_of_page
from web.exports import EXPORT_MAX_ROWS, MEDIA_TYPES, atom_feed, export_lines, feed_search, public_base
from web.formatting import external_url, host_name, indonesian_date, isolated, thousands
from web.labels import LABEL_OF, SORT_LABELS, language_name
from web.links import SearchLinks
from web.params import request_from_params
from web.search_page import build_search_page

log = logging.getLogger(__name__)

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                               "base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# The parts of a search page the script replaces after each change.
FRAGMENTS = {"results": "_results.html", "chips": "_chips.html", "facets": "_facets.html",
             "timeline": "_timeline.html"}
ERROR_TITLES = {
    404: "Halaman tidak ditemukan",
    405: "Permintaan tidak didukung",
    500: "Terjadi kesalahan",
    503: "Indeks belum tersedia",
}


def create_app(index_dir: Path, *, warm: bool = False, background: bool = False,
               base_url: str | None = None) -> Flask:
    """An app serving the index at ``index_dir``; it follows rebuilds without a restart.

    ``warm`` opens the index now, so a server's first reader does not wait for it;
    ``background`` opens a rebuilt index in a thread while the old one keeps answering;
    ``base_url`` is the site's public address for the feed's links (default
    ``TELUSUR_BASE_URL``; none: relative links).
    """
    base = public_base(base_url if base_url is not None else load_settings().base_url)
    app = Flask(
        __name__,
        template_folder=package_dir("web.templates"),
        static_folder=package_dir("web.static"),
    )
    app.json = _PlainJSON(app)
    _add_template_helpers(app)
    live = LiveIndex(index_dir, background=background)
    if warm:
        _warm(live)

    @app.after_request
    def _secure(response):
        response.headers.update(SECURITY_HEADERS)
        if "Location" in response.headers:
            response.headers["Location"] = _relative(response.headers["Location"])
        return response

    @app.get("/")
    def search_page():
        tidy = _without_blank_params(request.args)
        if tidy is not None:
            return redirect(tidy)
        search = _search_from(request.args)
        with live.reading() as view:
            page = build_search_page(view, search, request.args.get, url_for("search_page"))
        return render_template("search.html", **page.context())

    @app.get("/api/fragments")
    def search_fragments():
        """The search page's changing parts as HTML, rendered by the page's own partials."""
        search = _search_from(request.args)
        with live.reading() as view:
            page = build_search_page(view, search, request.args.get, url_for("search_page"))
        context = page.context()
        return jsonify({
            "status": page.status,
            "count": page.count,
            "title": page.title,
            "url": page.links.current(),
            "total": page.result.total,
            "stories": page.result.stories,
            "html": {name: render_template(template, **context) for name, template in FRAGMENTS.items()},
        })

    @app.get("/api/search")
    def search_api():
        search = _search_from(request.args)
        with live.reading() as view:
            result = search_index(view, search)
        return jsonify(result.as_json())

    @app.get("/ekspor.<format_name>")
    def export_results(format_name: str):
        """The whole result set (up to ``EXPORT_MAX_ROWS``), streamed as it is written."""
        if format_name not in MEDIA_TYPES:
            abort(404)
        lines = export_lines(live, _search_from(request.args), format_name)
        return Response(lines, content_type=MEDIA_TYPES[format_name], headers={
            "Content-Disposition": f'attachment; filename="telusur.{format_name}"'})

    @app.get("/umpan.atom")
    def search_feed():
        """The search's newest articles as Atom; its links start with the configured public
        address, or are relative to the feed's: never with the request's ``Host``, which
        the client chose."""
        asked = _search_from(request.args)
        with live.reading() as view:
            result = search_index(view, feed_search(asked))
        links = SearchLinks(asked)
        title = f"Telusur: {asked.query}" if asked.query else "Telusur: berita terbaru"
        body = atom_feed(result, title, base, feed_path=links.at(url_for("search_feed")),
                         page_path=links.at(url_for("search_page")),
                         article_path=lambda article_id: url_for("article_page", article_id=article_id))
        return Response(body, mimetype="application/atom+xml")

    @app.get("/api/suggest")
    def suggest_api():
        text = printable_text(request.args.get("q") or "")
        with live.reading() as view:
            suggestions = complete(view, text)
        return jsonify({"query": text, "suggestions": [_suggestion(s) for s in suggestions]})

    @app.get("/artikel/<path:article_id>")
    def article_page(article_id: str):
        search = request_from_params(request.args.get, request.args.getlist)
        query = search.query
        with live.reading() as view:
            article = load_article(view, article_id, query, search.prefix, _part_number(request.args.get("bagian")))
            related = related_articles(view, article.docnum) if article is not None else []
        if article is None:
            return _error_response(404, "Artikel ini tidak ada di indeks: mungkin sudah dihapus, atau alamatnya salah.")
        return render_template(
            "article.html", article=article, query=query,
            matches=sum(paragraph.count("<mark>") for paragraph in (article.title_html, *article.paragraphs_html)),
            related=related, back_url=url_for("search_page", q=query or None),
        )

    def _entity(segment: str, name: str):
        facet = facet_of_page(segment)
        if facet is None:
            abort(404)
        with live.reading() as view:
            page = entity_page(view, facet.name, name)
        if page is None:
            abort(404, f"„{name[:200]}” tidak ada di indeks sebagai {facet.label.lower()}.")
        return page

    @app.get("/api/<segment>/<path:name>")
    def entity_api(segment: str, name: str):
        return jsonify(_entity(segment, name).as_json())

    def entity_html(segment: str, name: str):
        """``/tokoh/<name>`` and the other entity facets' pages (``Facet.page``)."""
        return render_template("entity.html", entity=entity_view(_entity(segment, name), url_for("search_page")))

    for segment in ENTITY_PAGES:
        # A name may hold any character, ``/`` and ``//`` included: never merged or redirected.
        app.add_url_rule(f"/{segment}/<path:name>", "entity_page", entity_html, defaults={"segment": segment},
                         merge_slashes=False)

    @app.errorhandler(IndexMissingError)
    def _no_index(error: IndexMissingError):
        return _error_response(503, str(error))

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        detail = error.description if error.code == 404 and error.description != NotFound.description else None
        response = _error_response(error.code or 500, detail)
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("unhandled error on %s", request.path)
        return _error_response(500, None)

    return app


def _warm(live: LiveIndex) -> None:
    try:
        live.view()
    except IndexMissingError as error:
        log.warning("%s", error)


class _PlainJSON(DefaultJSONProvider):
    """JSON as written: Indonesian text unescaped, keys in the order the engine gives them."""

    ensure_ascii = False
    sort_keys = False


def _add_template_helpers(app: Flask) -> None:
    """Indonesian formatting and labels, under the names the templates use."""
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    for function, name in ((indonesian_date, "tanggal"), (thousands, "ribuan"), (language_name, "bahasa"),
                           (external_url, "tautan_luar"), (host_name, "nama_situs"), (isolated, "terisolasi")):
        app.add_template_filter(function, name)
    app.jinja_env.globals.update(entity_path=entity_path, sort_labels=SORT_LABELS, facet_labels=LABEL_OF, default_per_page=DEFAULT_PER_PAGE,
                                 export_max_rows=EXPORT_MAX_ROWS)


def _without_blank_params(args: MultiDict) -> str | None:
    """The search page's URL without the empty fields a plain form submission sends
    (``person_q=&from=&sort=relevance``); None when there are none to drop."""
    given = list(args.items(multi=True))
    kept = [(name, value) for name, value in given if value.strip() and (name, value) != ("sort", "relevance")]
    if len(kept) == len(given):
        return None
    return url_for("search_page") + (f"?{urlencode(kept)}" if kept else "")


def _search_from(args: MultiDict) -> SearchRequest:
    return request_from_params(args.get, args.getlist)


def _suggestion(suggestion: Suggestion) -> dict[str, Any]:
    """A suggestion as the script needs it: entities carry the URL parameter they set."""
    item = {"kind": suggestion.kind, "value": suggestion.value, "count": suggestion.count}
    if suggestion.facet:
        label = LABEL_OF[suggestion.facet]
        item.update(param=label.param, type=label.label)
    return item


def _error_response(code: int, detail: str | None) -> Response:
    """An Indonesian error page with a search box, or JSON for the API."""
    title = ERROR_TITLES.get(code, ERROR_TITLES[500])
    if request.path.startswith("/api/"):
        return make_response(jsonify({"error": title, "detail": detail}), code)
    return make_response(render_template("error.html", code=code, title=title, detail=detail), code)


def _part_number(text: str | None) -> int:
    """The article part asked for (``?bagian=2``); anything that is not a small number is the first."""
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 9 else 1


def _relative(location: str) -> str:
    """A redirect's target without scheme and host. Werkzeug builds some redirects (``/artikel//x``
    to ``/artikel/x``) from the request's ``Host`` header, which the client chose: every redirect
    here stays on this site, so its path is all it needs."""
    parts = urlsplit(location)
    return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
