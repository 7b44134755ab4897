"""What an entity's page shows: the engine's :class:`EntityPage` with its links and labels.

Every link is a search: the timeline's bars narrow the entity's articles to a period, and
each name listed beside it opens the search for both (``/?person=A&org=B``; two names of
the same facet, which a filter would OR, as ``/?person_all=A&person_all=B``), so the page
is a way into the archive, never a dead end.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from search.facet_table import ENTITY_PAGES, FACET_OF, Facet
from search.query import EntityPage, SearchRequest
from web.formatting import articles_count
from web.labels import facet_value_label
from web.links import SearchLinks
from web.timeline_chart import TimelineChart, timeline_chart


@dataclass(frozen=True)
class RelatedName:
    """A name (or source) listed beside the entity, with the articles naming both."""

    label: str
    count: int
    url: str  # the search for both names
    page: str | None  # its own entity page (None for a source)


@dataclass(frozen=True)
class RelatedPanel:
    """One facet's names listed beside the entity; ``total`` is how many it has in all."""

    facet: Facet
    names: list[RelatedName]
    total: int

    @property
    def unlisted(self) -> int:
        return self.total - len(self.names)


@dataclass(frozen=True)
class EntityView:
    """Everything ``templates/entity.html`` shows."""

    page: EntityPage
    facet: Facet
    count: str
    search_url: str  # every article of the entity, as a search
    timeline: TimelineChart | None
    panels: list[RelatedPanel]
    title: str


def entity_path(facet: str, name: str) -> str | None:
    """``/tokoh/Joko%20Widodo``: the page of a facet value, every character of the name
    escaped (a ``/`` or ``?`` in a name stays part of it); None for a facet without pages."""
    segment = FACET_OF[facet].page if facet in FACET_OF else ""
    return f"/{segment}/{quote(name, safe='')}" if segment else None


def facet_of_page(segment: str) -> Facet | None:
    """The facet whose pages live under ``/<segment>/``."""
    return ENTITY_PAGES.get(segment)


def entity_view(page: EntityPage, base: str = "/") -> EntityView:
    facet = FACET_OF[page.facet]
    search = SearchRequest(filters={page.facet: (page.name,)})
    links = SearchLinks(search, base)
    panels = [RelatedPanel(FACET_OF[name], [
        RelatedName(facet_value_label(name, value.value), value.count,
                    links.both(name, page.name, value.value) if name == page.facet else links.add(name, value.value),
                    entity_path(name, value.value))
        for value in counts.values], counts.total) for name, counts in page.related.items()]
    return EntityView(
        page=page, facet=facet, count=articles_count(page.total), search_url=links.current(),
        timeline=timeline_chart(page.timeline, search, links), panels=panels,
        title=f"{page.name} · {facet.label}")
