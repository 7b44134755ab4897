/* Telusur: results that follow each keystroke, filters without reloads, and autocomplete.
 *
 * Progressive enhancement only: the server-rendered page already works with a GET
 * form and links. This script fetches the same page's changing parts as HTML
 * (rendered and escaped by the server's own templates), swaps them in, and keeps
 * the address bar in step so every state can be bookmarked, shared and revisited.
 */
(function () {
  "use strict";

  var TYPING_DELAY_MS = 200;
  var SUGGEST_DELAY_MS = 120;
  var DATE_DELAY_MS = 500;
  // Where style.css shows the filters as a sidebar instead of a panel.
  var WIDE_LAYOUT = "(min-width: 901px)";

  document.documentElement.classList.add("js");

  function byId(id) {
    return document.getElementById(id);
  }

  function debounce(action, wait) {
    var timer = 0;
    function delayed() {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { action.apply(null, args); }, wait);
    }
    delayed.cancel = function () { clearTimeout(timer); };
    return delayed;
  }

  function isAbort(error) {
    return error && error.name === "AbortError";
  }

  /* ---- Live search: the search page's results, chips and facets follow the form. ---- */

  function LiveSearch(form, input) {
    this.form = form;
    this.input = input;
    this.regions = { results: byId("results"), chips: byId("chips"), facets: byId("facets"), timeline: byId("timeline") };
    this.status = byId("status");
    this.controller = null;
    this.sequence = 0;
    // True while the current history entry was made by typing: later keystrokes replace it,
    // so Back returns to the previous search rather than to every prefix typed.
    this.typingEntry = false;
    this.typed = debounce(this.onTyped.bind(this), TYPING_DELAY_MS);
    this.facetTyped = debounce(this.refresh.bind(this, "replace"), TYPING_DELAY_MS);
    this.dateChanged = debounce(this.refresh.bind(this, "push"), DATE_DELAY_MS);
    history.replaceState({ telusur: true }, "", location.href);
    this.listen();
  }

  LiveSearch.prototype.listen = function () {
    var self = this;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submitNow();
    });
    this.input.addEventListener("input", function () { self.typed(); });
    document.addEventListener("input", function (event) {
      if (event.target.hasAttribute("data-facet-search")) self.facetTyped();
    });
    document.addEventListener("change", function (event) {
      var target = event.target;
      if (target.form !== self.form) return;
      if (target.type === "checkbox" || target.tagName === "SELECT") self.refresh("push");
      else if (target.type === "date") self.dateChanged();
    });
    document.addEventListener("click", function (event) { self.onClick(event); });
    window.addEventListener("popstate", function () {
      var params = new URLSearchParams(location.search);
      self.typed.cancel();
      self.syncForm(params);
      self.typingEntry = false;
      self.load(params, "none");
    });
  };

  /** The form's state as URL parameters, empty fields and defaults left out. */
  LiveSearch.prototype.formParams = function () {
    var params = new URLSearchParams();
    new FormData(this.form).forEach(function (value, name) {
      if (typeof value !== "string" || value.trim() === "") return;
      if (name === "sort" && value === "relevance") return;
      params.append(name, value);
    });
    return params;
  };

  /** Put the fields outside the swapped fragments back in step with a URL. */
  LiveSearch.prototype.syncForm = function (params) {
    this.input.value = params.get("q") || "";
    var sort = byId("sort");
    if (sort) sort.value = params.get("sort") || "relevance";
    // Grouping is left off only while the URL says so: a disabled field is not sent.
    var group = byId("group");
    if (group) group.disabled = params.get("group") !== "0";
    ["from", "to"].forEach(function (name) {
      var field = byId(name);
      if (field) field.value = params.get(name) || "";
    });
  };

  LiveSearch.prototype.onTyped = function () {
    var mode = this.typingEntry ? "replace" : "push";
    this.typingEntry = true;
    this.load(this.formParams(), mode);
  };

  LiveSearch.prototype.refresh = function (mode) {
    this.typingEntry = false;
    this.load(this.formParams(), mode);
  };

  LiveSearch.prototype.submitNow = function () {
    this.typed.cancel();
    this.refresh("push");
  };

  /** Show another state (a link's, a suggestion's) as a new history entry. */
  LiveSearch.prototype.go = function (params) {
    this.typed.cancel();
    this.typingEntry = false;
    this.syncForm(params);
    return this.load(params, "push");
  };

  /** Follow a link to another state of this page (chip, tag, page number) in place. */
  LiveSearch.prototype.onClick = function (event) {
    var link = event.target.closest && event.target.closest("a[data-nav]");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    // getAttribute: an SVG link (a timeline bar) has no string ``href`` property.
    var url = new URL(link.getAttribute("href"), location.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname) return;
    event.preventDefault();
    var paging = link.closest(".pagination") !== null;
    var self = this;
    this.go(url.searchParams).then(function (applied) {
      if (applied && paging) self.showTop();
    });
  };

  LiveSearch.prototype.showTop = function () {
    var column = document.querySelector(".results-column");
    if (column && column.getBoundingClientRect().top < 0) column.scrollIntoView();
    this.status.focus({ preventScroll: true });
  };

  /** Fetch the fragments for ``params`` and show them; an older answer never overwrites a newer one. */
  LiveSearch.prototype.load = function (params, mode) {
    if (this.controller) this.controller.abort();
    var controller = new AbortController();
    this.controller = controller;
    var mine = ++this.sequence;
    var self = this;
    document.body.classList.add("is-loading");
    return fetch("/api/fragments?" + params.toString(), {
      signal: controller.signal,
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (data) {
      if (mine !== self.sequence) return false;
      self.apply(data);
      self.record(data.url, mode);
      return true;
    }).catch(function (error) {
      if (isAbort(error) || mine !== self.sequence) return false;
      // The server-rendered page shows the same state, or explains what went wrong.
      location.assign(self.pageUrl(params));
      return false;
    }).finally(function () {
      if (mine === self.sequence) document.body.classList.remove("is-loading");
    });
  };

  LiveSearch.prototype.pageUrl = function (params) {
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  };

  LiveSearch.prototype.record = function (url, mode) {
    if (mode === "none") return;
    var current = location.pathname + location.search;
    if (mode === "push" && url !== current) history.pushState({ telusur: true }, "", url);
    else history.replaceState({ telusur: true }, "", url);
  };

  LiveSearch.prototype.apply = function (data) {
    var focus = rememberFocus();
    var open = Array.prototype.map.call(document.querySelectorAll("#facets details[open]"), function (d) { return d.id; });
    var regions = this.regions;
    Object.keys(regions).forEach(function (name) {
      if (regions[name] && typeof data.html[name] === "string") regions[name].innerHTML = data.html[name];
    });
    open.forEach(function (id) {
      var details = byId(id);
      if (details) details.open = true;
    });
    if (this.status.textContent !== data.status) this.status.textContent = data.status;
    document.title = data.title;
    document.querySelectorAll("[data-count]").forEach(function (node) { node.textContent = data.count; });
    var chips = document.querySelectorAll("#chips .chip").length;
    document.querySelectorAll("[data-filter-count]").forEach(function (node) { node.textContent = chips ? String(chips) : ""; });
    restoreFocus(focus, this.status);
  };

  /** What had focus inside a region about to be replaced, so the same control can get it back. */
  function rememberFocus() {
    var active = document.activeElement;
    if (!active || !active.id || !active.closest("#results, #chips, #facets")) return null;
    return {
      id: active.id,
      text: active.type === "search" ? active.value : null,
      start: active.selectionStart,
      end: active.selectionEnd,
    };
  }

  function restoreFocus(saved, fallback) {
    if (!saved) return;
    var element = byId(saved.id);
    if (!element) {
      fallback.focus({ preventScroll: true });
      return;
    }
    element.focus({ preventScroll: true });
    if (saved.text !== null && element.value !== saved.text) element.value = saved.text;
    if (saved.text !== null) element.setSelectionRange(saved.start, saved.end);
  }

  /* ---- Filters on small screens: a panel over the results, behind the "Filter" button. ---- */

  function FilterPanel(toggle, panel) {
    this.toggle = toggle;
    this.panel = panel;
    var self = this;
    toggle.addEventListener("click", function () { self.setOpen(!self.isOpen()); });
    panel.querySelectorAll("[data-close-filters]").forEach(function (button) {
      button.addEventListener("click", function () { self.setOpen(false); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && self.isOpen() && !event.defaultPrevented) self.setOpen(false);
    });
    // Widened past the phone layout (a rotated tablet): the sidebar is back, the panel is gone.
    window.matchMedia(WIDE_LAYOUT).addEventListener("change", function (event) {
      if (event.matches && self.isOpen()) self.setOpen(false, false);
    });
  }

  FilterPanel.prototype.isOpen = function () {
    return document.body.classList.contains("filters-open");
  };

  FilterPanel.prototype.setOpen = function (open, moveFocus) {
    document.body.classList.toggle("filters-open", open);
    this.toggle.setAttribute("aria-expanded", String(open));
    // What the open panel covers cannot be reached by Tab either.
    document.querySelectorAll(".masthead, .results-column, .site-footer").forEach(function (covered) {
      covered.inert = open;
    });
    if (moveFocus !== false) (open ? this.panel : this.toggle).focus();
  };

  /* ---- Autocomplete: an ARIA combobox over /api/suggest. ---- */

  function Autocomplete(input, handlers) {
    this.input = input;
    this.handlers = handlers;
    this.items = [];
    this.active = -1;
    this.controller = null;
    this.sequence = 0;
    this.list = document.createElement("ul");
    this.list.id = "saran";
    this.list.className = "suggestions";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", "Saran pencarian");
    this.list.hidden = true;
    input.parentNode.appendChild(this.list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.list.id);
    this.fetchSoon = debounce(this.fetch.bind(this), SUGGEST_DELAY_MS);
    this.listen();
  }

  Autocomplete.prototype.listen = function () {
    var self = this;
    this.input.addEventListener("input", function () {
      if (self.input.value.trim()) self.fetchSoon();
      else self.close();
    });
    this.input.addEventListener("keydown", function (event) { self.onKey(event); });
    this.input.addEventListener("blur", function () { self.close(); });
    // Keep focus in the input when an option is clicked, so the click can choose it.
    this.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) self.choose(Number(option.getAttribute("data-index")));
    });
  };

  Autocomplete.prototype.fetch = function () {
    var text = this.input.value;
    if (this.controller) this.controller.abort();
    var controller = new AbortController();
    this.controller = controller;
    var mine = ++this.sequence;
    var self = this;
    fetch("/api/suggest?q=" + encodeURIComponent(text), {
      signal: controller.signal,
      headers: { Accept: "application/json" },
    }).then(function (response) {
      return response.ok ? response.json() : { suggestions: [] };
    }).then(function (data) {
      if (mine === self.sequence && document.activeElement === self.input) self.render(data.suggestions);
    }).catch(function (error) {
      if (!isAbort(error)) self.close();
    });
  };

  Autocomplete.prototype.render = function (suggestions) {
    this.items = suggestions;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    var list = this.list;
    list.replaceChildren();
    suggestions.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = "saran-" + index;
      option.className = "suggestion suggestion-" + (item.param || "query");
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(index));
      option.append(
        part("suggestion-type", item.type || "Cari"),
        part("suggestion-value", item.value),
        part("suggestion-count", item.count.toLocaleString("id-ID") + " artikel")
      );
      list.appendChild(option);
    });
    if (suggestions.length) this.open();
    else this.close();
  };

  function part(className, text) {
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    return span;
  }

  Autocomplete.prototype.open = function () {
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Autocomplete.prototype.close = function () {
    this.fetchSoon.cancel();
    this.sequence++;
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  Autocomplete.prototype.onKey = function (event) {
    var isOpen = !this.list.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!this.items.length) return;
      event.preventDefault();
      if (!isOpen) this.open();
      this.move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && isOpen && this.active >= 0) {
      event.preventDefault();
      this.choose(this.active);
    } else if (event.key === "Escape" && isOpen) {
      event.preventDefault();
      this.close();
    } else if (event.key === "Tab") {
      this.close();
    }
  };

  Autocomplete.prototype.move = function (step) {
    var count = this.items.length;
    this.active = this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
    var activeId = "saran-" + this.active;
    this.list.querySelectorAll("[role=option]").forEach(function (option) {
      option.setAttribute("aria-selected", String(option.id === activeId));
    });
    this.input.setAttribute("aria-activedescendant", activeId);
    byId(activeId).scrollIntoView({ block: "nearest" });
  };

  Autocomplete.prototype.choose = function (index) {
    var item = this.items[index];
    this.close();
    if (!item) return;
    if (item.kind === "entity") this.handlers.entity(item.param, item.value);
    else this.handlers.query(item.value);
  };

  /* ---- Wiring ---- */

  var form = byId("search-form");
  var input = byId("q");
  if (!form || !input) return;
  var live = byId("results") ? new LiveSearch(form, input) : null;
  var toggle = byId("filter-toggle");
  var panel = byId("filters");
  if (toggle && panel) new FilterPanel(toggle, panel);
  var autocomplete = new Autocomplete(input, {
    entity: function (param, value) {
      input.value = "";
      if (!live) {
        location.assign(form.action + "?" + new URLSearchParams([[param, value]]).toString());
        return;
      }
      var params = live.formParams();
      if (params.getAll(param).indexOf(value) < 0) params.append(param, value);
      live.go(params);
    },
    query: function (text) {
      input.value = text;
      if (live) live.submitNow();
      else form.submit();
    },
  });
  form.addEventListener("submit", function () { autocomplete.close(); });
})();
