/* ecokg explorer: canned queries — a form per query, results as a table, paths as a graph. */
(function () {
  "use strict";
  const ecokg = window.ecokg;
  const h = ecokg.h;

  const formsEl = document.getElementById("query-forms");
  const indexEl = document.getElementById("query-index");
  const resultsEl = document.getElementById("results");
  const titleEl = document.getElementById("results-title");
  const infoEl = document.getElementById("results-info");
  const errorEl = document.getElementById("query-error");
  const linksEl = document.getElementById("downloads");
  const graphPanel = document.getElementById("graph-panel");
  const container = document.getElementById("network");
  let meta = null;

  function input(query, param) {
    const id = `q-${query.name}-${param.name}`;
    const value = param.default === null || param.default === undefined ? "" : String(param.default);
    const placeholder = param.example === null || param.example === undefined ? "" : String(param.example);
    let control;
    let suggestions = null;
    if (param.type === "int") {
      control = h("input", {type: "number", id: id, name: param.name, value: value, step: "1",
        min: param.min ?? undefined, max: param.max ?? undefined, placeholder: placeholder});
    } else if (param.type === "bool") {
      control = h("input", {type: "checkbox", id: id, name: param.name, value: "true", checked: param.default === true});
    } else if (param.type === "label") {
      control = h("select", {id: id, name: param.name},
        h("option", {value: ""}, "（全部 all）"),
        meta.labels.map((l) => h("option", {value: l.name, selected: l.name === value}, `${l.zh} ${l.name}`)));
    } else if (param.type === "reltype") {
      control = h("select", {id: id, name: param.name},
        h("option", {value: ""}, "（全部 all）"),
        meta.relation_types.map((r) => h("option", {value: r.name, selected: r.name === value}, `${r.name} ${r.gloss}`)));
    } else {
      control = h("input", {type: "text", id: id, name: param.name, value: value, placeholder: placeholder});
      if (param.type === "entity") {
        suggestions = h("ul", {class: "suggestions", id: `${id}-suggestions`, role: "listbox", hidden: true});
        ecokg.attachSuggest(control, suggestions, (r) => { control.value = r.id; control.title = r.name; });
      }
    }
    const range = param.min !== null && param.min !== undefined ? ` [${param.min}–${param.max ?? ""}]` : "";
    return h("div", {class: "param"},
      h("label", {for: id}, h("code", {}, param.name), h("span", {class: "ptype"}, ` ${param.type}${range}`)),
      h("div", {class: "suggest-wrap"}, control, suggestions),
      param.description ? h("div", {class: "help"}, param.description) : null);
  }

  function paramsOf(form) {
    const params = new URLSearchParams();
    form.querySelectorAll("input, select").forEach((el) => {
      if (!el.name) return;
      if (el.type === "checkbox") params.set(el.name, el.checked ? "true" : "false");
      else if (el.value !== "") params.set(el.name, el.value);
    });
    return params;
  }

  function buildForm(query) {
    const form = h("form", {class: "query-form card", id: `query-form-${query.name}`, dataset: {query: query.name}},
      h("h2", {}, query.title_zh, h("span", {class: "en"}, ` ${query.title_en}`)),
      h("p", {class: "qname"}, h("code", {}, query.name)),
      h("p", {class: "description"}, query.description),
      query.params.map((p) => input(query, p)),
      h("button", {type: "submit", class: "primary"}, "运行 Run"));
    form.addEventListener("submit", (event) => { event.preventDefault(); run(query, form); });
    return form;
  }

  async function run(query, form) {
    const params = paramsOf(form);
    const base = `/api/queries/${encodeURIComponent(query.name)}?${params}`;
    history.replaceState(null, "", `/queries?${new URLSearchParams({run: query.name})}&${params}#query-form-${query.name}`);
    ecokg.clear(titleEl, `${query.title_zh} ${query.title_en}`);
    ecokg.clear(infoEl, "运行中… Running…");
    errorEl.hidden = true;
    document.querySelectorAll(".query-form").forEach((f) => f.classList.toggle("active", f === form));
    let body;
    try {
      body = await ecokg.api(`${base}&format=json`);
    } catch (error) {
      ecokg.clear(errorEl, `查询失败 Query failed — ${ecokg.errorText(error)}`);
      errorEl.hidden = false;
      ecokg.clear(infoEl);
      ecokg.clear(resultsEl);
      ecokg.clear(linksEl);
      graphPanel.hidden = true;
      return;
    }
    ecokg.clear(infoEl, `${body.rows.length} 行 rows · ${Number(body.query_ms).toFixed(1)} ms`,
      body.truncated ? h("span", {class: "notice inline", id: "results-truncated"}, " 结果已截断 truncated") : null);
    ecokg.clear(linksEl,
      h("a", {href: `${base}&format=csv`, download: `${query.name}.csv`, id: "download-csv"}, "下载 CSV"), " ",
      h("a", {href: `${base}&format=json`, download: `${query.name}.json`, id: "download-json"}, "下载 JSON"));
    ecokg.renderTable(resultsEl, body.columns, body.rows);
    drawGraph(query, body);
  }

  function drawGraph(query, body) {
    const cols = query.graph_columns || [];
    const idCol = cols.find((c) => c.endsWith("_ids")) || (body.columns.includes("path_ids") ? "path_ids" : null);
    const typeCol = cols.find((c) => c.endsWith("_types")) || (body.columns.includes("path_types") ? "path_types" : null);
    if (!idCol || !typeCol || !body.columns.includes(idCol) || !body.rows.length) {
      graphPanel.hidden = true;
      drawSeq++;
      if (container.ecokgNetwork) { container.ecokgNetwork.destroy(); container.ecokgNetwork = null; }
      return;
    }
    const nameCol = body.columns.includes("path_names") ? "path_names" : null;
    const graph = ecokg.pathGraph(body.columns, body.rows, idCol, typeCol, nameCol);
    const mine = ++drawSeq;
    graphPanel.hidden = false;
    // Path rows carry ids, names and types only: labels come from *_id/*_label column pairs of
    // the rows, the rest from the entities themselves, so nodes get the ontology's colours.
    withEntities(body, graph.nodes).then((nodes) => {
      if (mine !== drawSeq) return;
      const names = {};
      nodes.forEach((n) => { names[n.id] = n.name; });
      const visNodes = nodes.map((n) => ecokg.visNode(meta, n));
      const visEdges = graph.edges.map((e) => ecokg.visEdge(meta, e, names, {arrows: ""}));
      if (container.ecokgNetwork) container.ecokgNetwork.destroy();
      const network = ecokg.drawNetwork(container, visNodes, visEdges);
      container.ecokgNetwork = network;
      window.ecokgNetwork = network;
      ecokg.renderLegend(document.getElementById("legend"), meta, new Set(nodes.map((n) => n.label)));
      network.on("doubleClick", (params) => {
        if (params.nodes.length === 1) location.href = `/entity/${encodeURIComponent(params.nodes[0])}`;
      });
    });
  }

  let drawSeq = 0;
  const entityCache = new Map();

  /** Path nodes completed with label, English name, aliases and properties. */
  async function withEntities(body, nodes) {
    const labels = {};
    body.columns.forEach((col, i) => {
      const stem = col === "id" ? "" : col.endsWith("_id") ? col.slice(0, -2) : null;
      if (stem === null) return;
      const j = body.columns.indexOf(`${stem}label`);
      if (j < 0) return;
      body.rows.forEach((row) => {
        const id = Array.isArray(row) ? row[i] : row[col];
        const label = Array.isArray(row) ? row[j] : row[`${stem}label`];
        if (typeof id === "string" && typeof label === "string") labels[id] = label;
      });
    });
    const fetchOne = (id) => {
      if (!entityCache.has(id)) {
        entityCache.set(id, ecokg.api(`/api/entities/${encodeURIComponent(id)}`).catch(() => null));
      }
      return entityCache.get(id);
    };
    const entities = await Promise.all(nodes.map((n) => fetchOne(n.id)));
    return nodes.map((n, i) => {
      const e = entities[i];
      const base = Object.assign({}, n, {label: labels[n.id] || (e && e.label) || null});
      if (!e) return base;
      return Object.assign(base, {name: e.name || n.name, name_en: e.name_en, aliases: e.aliases || [],
        properties: e.properties || {}});
    });
  }

  async function init() {
    ecokg.initNavSearch();
    document.getElementById("download-png").addEventListener("click", () => {
      if (container.ecokgNetwork) {
        ecokg.downloadPNG(container, "ecokg-query.png", {meta: meta, title: titleEl.textContent});
      }
    });
    let body;
    try {
      [meta, body] = await Promise.all([ecokg.meta(), ecokg.api("/api/queries")]);
    } catch (error) {
      ecokg.clear(errorEl, `无法加载查询 Could not load the queries — ${ecokg.errorText(error)}`);
      errorEl.hidden = false;
      return;
    }
    const queries = body.queries || [];
    ecokg.clear(indexEl, queries.map((q) => h("li", {},
      h("a", {href: `#query-form-${q.name}`}, q.title_zh, h("span", {class: "en"}, ` ${q.title_en}`)))));
    ecokg.clear(formsEl, queries.map(buildForm));
    // /queries?run=NAME&param=value… fills and runs that form (the URL a run leaves behind).
    const params = new URLSearchParams(location.search);
    const name = params.get("run");
    const query = queries.find((q) => q.name === name);
    if (query) {
      const form = document.getElementById(`query-form-${query.name}`);
      params.forEach((value, key) => {
        const el = form.querySelector(`[name="${CSS.escape(key)}"]`);
        if (!el) return;
        if (el.type === "checkbox") el.checked = value === "true";
        else el.value = value;
      });
      form.scrollIntoView();
      run(query, form);
    }
    document.body.dataset.ready = "true";
  }

  init();
})();
