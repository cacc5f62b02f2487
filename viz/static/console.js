/* ecokg explorer: the read-only Cypher console — graph / table / JSON views, history, saved
 * queries (browser storage) and completion of labels, relation types and properties. */
(function () {
  "use strict";
  const ecokg = window.ecokg;
  const h = ecokg.h;

  // LadybugDB's Cypher; neo4jText() rewrites the few spellings Neo4j has differently.
  const EXAMPLES = [
    {title: "各类实体数量 Nodes per label",
      query: "MATCH (n)\nRETURN label(n) AS label, count(*) AS n\nORDER BY n DESC", params: {}},
    {title: "各类关系数量 Relationships per type",
      query: "MATCH ()-[r]->()\nRETURN label(r) AS type, count(*) AS n\nORDER BY n DESC", params: {}},
    {title: "创新中心的牵头单位 Who leads the centres",
      query: "MATCH (a)-[r:牵头]->(c:InnovationCenter)\nRETURN c.name AS centre, a.name AS leader, label(a) AS leader_label\nORDER BY centre",
      params: {}},
    {title: "实体的关系 Relations of an entity ($id)",
      query: "MATCH (n {id: $id})-[r]-(m)\nRETURN label(r) AS type, m.id AS other_id, m.name AS other, label(m) AS other_label\nORDER BY type, other",
      params: {id: "ubtech"}},
    {title: "企业到创新中心的路径 Company → centre paths",
      query: "MATCH p = (a:Company {id: $id})-[* SHORTEST 1..4]-(c:InnovationCenter)\n" +
        "RETURN c.name AS centre, length(p) AS hops, properties(nodes(p), 'name') AS path_names",
      params: {id: "leju"}},
    {title: "两跳内的路径（图）Paths within two hops (graph)",
      query: "MATCH p=(a)-[*1..2]-(b)\nWHERE a.id = $id\nRETURN p\nLIMIT 5", params: {id: "ubtech"}},
    {title: "牵头关系（图）Who leads what (graph)",
      query: "MATCH (a)-[r:牵头]->(c)\nRETURN a, r, c\nLIMIT 25", params: {}},
  ];
  const NEO4J_TEXTS = {
    0: "MATCH (n)\nRETURN labels(n)[0] AS label, count(*) AS n\nORDER BY n DESC",
    1: "MATCH ()-[r]->()\nRETURN type(r) AS type, count(*) AS n\nORDER BY n DESC",
    2: "MATCH (a)-[r:牵头]->(c:InnovationCenter)\nRETURN c.name AS centre, a.name AS leader, labels(a)[0] AS leader_label\nORDER BY centre",
    3: "MATCH (n {id: $id})-[r]-(m)\nRETURN type(r) AS type, m.id AS other_id, m.name AS other, labels(m)[0] AS other_label\nORDER BY type, other",
    4: "MATCH (a:Company {id: $id}) MATCH (c:InnovationCenter)\nMATCH p = shortestPath((a)-[*..4]-(c))\n" +
      "RETURN c.name AS centre, length(p) AS hops, [n IN nodes(p) | n.name] AS path_names",
  };
  const HISTORY_KEY = "ecokg.console.history";
  const SAVED_KEY = "ecokg.console.saved";
  const HISTORY_MAX = 50;

  const textarea = document.getElementById("cypher");
  const paramsArea = document.getElementById("cypher-params");
  const errorEl = document.getElementById("cypher-error");
  const infoEl = document.getElementById("results-info");
  const resultsEl = document.getElementById("results");
  const jsonEl = document.getElementById("results-json");
  const runButton = document.getElementById("run-cypher");
  const container = document.getElementById("network");
  const completionsEl = document.getElementById("cypher-completions");
  const tabs = {graph: document.getElementById("tab-graph"), table: document.getElementById("tab-table"),
    json: document.getElementById("tab-json")};
  const panes = {graph: document.getElementById("pane-graph"), table: document.getElementById("pane-table"),
    json: document.getElementById("pane-json")};

  let meta = {labels: [], relation_types: []};
  let last = null;          // {body, graph, drawn}
  let chosenTab = null;     // the tab the user picked, kept across runs while it applies

  ecokg.meta().then((m) => {
    meta = m;
    if (meta.dialect !== "neo4j") return;
    Object.entries(NEO4J_TEXTS).forEach(([i, text]) => { EXAMPLES[Number(i)].query = text; });
    if (textarea.value.includes("label(n)")) textarea.value = EXAMPLES[0].query;
  }).catch(() => {});

  function load(query, params) {
    textarea.value = query;
    paramsArea.value = JSON.stringify(params || {});
    textarea.focus();
  }

  ecokg.clear(document.getElementById("examples"), EXAMPLES.map((ex, i) => h("li", {},
    h("button", {type: "button", class: "link example", id: `example-${i}`, onclick: () => load(ex.query, ex.params)},
      ex.title))));

  /* --- browser storage: history and saved queries ------------------------------------------ */

  function readList(key) {
    try {
      const value = JSON.parse(localStorage.getItem(key) || "[]");
      return Array.isArray(value) ? value.filter((x) => x && typeof x.query === "string") : [];
    } catch (e) {
      return [];
    }
  }

  function writeList(key, list) {
    try { localStorage.setItem(key, JSON.stringify(list)); } catch (e) { /* storage full or off */ }
  }

  function oneLine(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function renderHistory() {
    const list = readList(HISTORY_KEY);
    ecokg.clear(document.getElementById("history"), list.length ? list.map((item, i) => h("li", {},
      h("button", {type: "button", class: "link", title: item.query, dataset: {index: String(i)},
        onclick: () => load(item.query, item.params)}, oneLine(item.query)),
      h("span", {class: "when"}, (item.at || "").replace("T", " ").slice(5, 16)))) :
      h("li", {class: "muted"}, "尚无历史 No history yet"));
  }

  function remember(query, params) {
    const key = JSON.stringify([query, params]);
    const list = readList(HISTORY_KEY).filter((item) => JSON.stringify([item.query, item.params || {}]) !== key);
    list.unshift({query: query, params: params, at: new Date().toISOString()});
    writeList(HISTORY_KEY, list.slice(0, HISTORY_MAX));
    renderHistory();
  }

  function renderSaved() {
    const list = readList(SAVED_KEY);
    ecokg.clear(document.getElementById("saved"), list.length ? list.map((item, i) => h("li", {},
      h("button", {type: "button", class: "link saved-load", title: item.query, dataset: {name: item.name},
        onclick: () => load(item.query, item.params)}, item.name),
      h("button", {type: "button", class: "link saved-delete", title: "删除 Delete", "aria-label": `删除 Delete ${item.name}`,
        onclick: () => { const all = readList(SAVED_KEY); all.splice(i, 1); writeList(SAVED_KEY, all); renderSaved(); }},
      "×"))) : h("li", {class: "muted"}, "尚无收藏 Nothing saved yet"));
  }

  document.getElementById("save-query").addEventListener("click", () => {
    const nameInput = document.getElementById("save-name");
    const name = nameInput.value.trim() || oneLine(textarea.value).slice(0, 40);
    if (!textarea.value.trim()) return;
    let params = {};
    try { params = JSON.parse(paramsArea.value.trim() || "{}"); } catch (e) { params = {}; }
    const list = readList(SAVED_KEY).filter((item) => item.name !== name);
    list.unshift({name: name, query: textarea.value, params: params});
    writeList(SAVED_KEY, list);
    nameInput.value = "";
    renderSaved();
  });
  document.getElementById("history-clear").addEventListener("click", () => { writeList(HISTORY_KEY, []); renderHistory(); });

  /* --- result views ------------------------------------------------------------------------- */

  function showTab(name) {
    Object.entries(tabs).forEach(([key, tab]) => tab.setAttribute("aria-selected", key === name ? "true" : "false"));
    Object.entries(panes).forEach(([key, pane]) => { pane.hidden = key !== name; });
    if (name === "graph" && last && last.graph && !last.drawn) drawGraph();
  }

  Object.entries(tabs).forEach(([name, tab]) => tab.addEventListener("click", () => {
    if (tab.disabled) return;
    chosenTab = name;
    showTab(name);
  }));

  function drawGraph() {
    last.drawn = true;
    const graph = last.graph;
    const network = ecokg.drawResultGraph(container, meta, graph);
    network.on("doubleClick", (params) => {
      if (params.nodes.length === 1) location.href = `/entity/${encodeURIComponent(params.nodes[0])}`;
    });
    ecokg.renderLegend(document.getElementById("legend"), meta, new Set(graph.nodes.map((n) => n.label)));
    ecokg.clear(document.getElementById("graph-info"),
      `${graph.nodes.length} 个节点 nodes · ${graph.edges.length} 条关系 relationships`);
  }

  function render(body) {
    const graph = ecokg.resultGraph(body.columns, body.rows);
    const hasGraph = graph.nodes.length > 0;
    last = {body: body, graph: hasGraph ? graph : null, drawn: false};
    ecokg.renderTable(resultsEl, body.columns, body.rows);
    ecokg.clear(jsonEl, JSON.stringify(body, null, 2));
    tabs.graph.disabled = !hasGraph;
    if (!hasGraph && container.ecokgNetwork) { container.ecokgNetwork.destroy(); container.ecokgNetwork = null; }
    // As in Neo4j Browser: a result that is all graph opens on the graph; mixed results on the table.
    let tab = hasGraph && graph.graphColumns === body.columns.length ? "graph" : "table";
    if (chosenTab && !(chosenTab === "graph" && !hasGraph)) tab = chosenTab;
    showTab(tab);
  }

  function showError(text) {
    ecokg.clear(errorEl, text);
    errorEl.hidden = false;
  }

  async function run(event) {
    if (event) event.preventDefault();
    closeCompletions();
    errorEl.hidden = true;
    let params = {};
    const raw = paramsArea.value.trim();
    if (raw) {
      try {
        params = JSON.parse(raw);
      } catch (error) {
        showError(`参数不是合法 JSON Parameters are not valid JSON — ${error.message}`);
        return;
      }
      if (params === null || typeof params !== "object" || Array.isArray(params)) {
        showError("参数须为 JSON 对象 Parameters must be a JSON object");
        return;
      }
    }
    runButton.disabled = true;
    ecokg.clear(infoEl, "运行中… Running…");
    remember(textarea.value, params);
    try {
      const body = await ecokg.api("/api/cypher", {
        method: "POST",
        headers: {"Content-Type": "application/json", "Accept": "application/json"},
        body: JSON.stringify({query: textarea.value, params: params}),
      });
      ecokg.clear(infoEl, `${body.rows.length} 行 rows · ${Number(body.query_ms).toFixed(1)} ms`,
        body.truncated ? h("span", {class: "notice inline"}, " 结果已截断 truncated") : null);
      render(body);
    } catch (error) {
      ecokg.clear(infoEl);
      ecokg.clear(resultsEl);
      ecokg.clear(jsonEl);
      showError(`错误 Error — ${ecokg.errorText(error)}`);
    } finally {
      runButton.disabled = false;
    }
  }

  document.getElementById("download-png").addEventListener("click", () => {
    if (container.ecokgNetwork) {
      ecokg.downloadPNG(container, "ecokg-console.png", {meta: meta, title: oneLine(textarea.value).slice(0, 120)});
    }
  });

  /* --- completion --------------------------------------------------------------------------- */

  let items = [];
  let active = -1;
  let replaceFrom = 0;

  /** The innermost unclosed "(" or "[" before the caret, or null. */
  function openBracket(text) {
    let round = 0;
    let square = 0;
    for (let i = text.length - 1; i >= 0; i--) {
      const c = text[i];
      if (c === ")") round++;
      else if (c === "]") square++;
      else if (c === "(") { if (round) round--; else return "("; }
      else if (c === "[") { if (square) square--; else return "["; }
    }
    return null;
  }

  function propertiesOf(text, variable) {
    const escaped = variable.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const nodeMatch = new RegExp(`\\(\\s*${escaped}\\s*:\\s*\`?([\\p{L}\\p{N}_]+)`, "u").exec(text);
    if (nodeMatch) {
      const label = meta.labels.find((l) => l.name === nodeMatch[1]);
      if (label && label.properties) return {list: label.properties, kind: label.name};
    }
    const relMatch = new RegExp(`\\[\\s*${escaped}\\s*:\\s*\`?([\\p{L}\\p{N}_]+)`, "u").exec(text);
    if (relMatch) {
      const rel = meta.relation_types.find((r) => r.name === relMatch[1]);
      if (rel && rel.properties) return {list: rel.properties, kind: rel.name};
    }
    const all = new Set();
    meta.labels.forEach((l) => (l.properties || []).forEach((p) => all.add(p)));
    meta.relation_types.forEach((r) => (r.properties || []).forEach((p) => all.add(p)));
    return {list: [...all].sort(), kind: "property"};
  }

  /** Candidates for the text before the caret: [{text, hint}], and where the replaced word starts. */
  function candidates(before) {
    const colon = /[:|]`?([\p{L}\p{N}_]*)$/u.exec(before);
    if (colon) {
      const prefix = colon[1].toLowerCase();
      const bracket = openBracket(before.slice(0, colon.index));
      const from = before.length - colon[1].length;
      if (bracket === "(") {
        return {from: from, list: meta.labels.filter((l) => l.name.toLowerCase().startsWith(prefix) || l.zh.startsWith(colon[1]))
          .map((l) => ({text: l.name, hint: `${l.zh} · 标签 label`}))};
      }
      if (bracket === "[") {
        return {from: from, list: meta.relation_types.filter((r) => r.name.startsWith(colon[1]) ||
          (r.gloss || "").toLowerCase().startsWith(prefix)).map((r) => ({text: r.name, hint: `${r.gloss} · 关系 type`}))};
      }
      return null;
    }
    const dot = /([\p{L}_][\p{L}\p{N}_]*)\.([\p{L}\p{N}_]*)$/u.exec(before);
    if (dot && !/^\d/.test(dot[1])) {
      const {list, kind} = propertiesOf(before, dot[1]);
      const prefix = dot[2].toLowerCase();
      return {from: before.length - dot[2].length,
        list: list.filter((p) => p.toLowerCase().startsWith(prefix)).map((p) => ({text: p, hint: `${kind} · 属性 property`}))};
    }
    return null;
  }

  function closeCompletions() {
    items = [];
    active = -1;
    ecokg.clear(completionsEl);
    completionsEl.hidden = true;
    textarea.setAttribute("aria-expanded", "false");
  }

  function highlight(index) {
    active = index;
    completionsEl.querySelectorAll("li").forEach((li, i) => li.classList.toggle("active", i === index));
    const li = completionsEl.querySelectorAll("li")[index];
    if (li) li.scrollIntoView({block: "nearest"});
  }

  function accept(index) {
    const item = items[index];
    if (!item) return;
    const caret = textarea.selectionStart;
    textarea.value = textarea.value.slice(0, replaceFrom) + item.text + textarea.value.slice(caret);
    const at = replaceFrom + item.text.length;
    textarea.setSelectionRange(at, at);
    closeCompletions();
    textarea.focus();
  }

  function complete() {
    if (textarea.selectionStart !== textarea.selectionEnd) { closeCompletions(); return; }
    const found = candidates(textarea.value.slice(0, textarea.selectionStart));
    if (!found || !found.list.length) { closeCompletions(); return; }
    items = found.list.slice(0, 40);
    replaceFrom = found.from;
    ecokg.clear(completionsEl, items.map((item, i) => h("li", {role: "option", dataset: {value: item.text},
      onmousedown: (event) => { event.preventDefault(); accept(i); }, onmousemove: () => highlight(i)},
    h("span", {class: "c-text"}, item.text), h("span", {class: "c-kind"}, item.hint))));
    completionsEl.hidden = false;
    textarea.setAttribute("aria-expanded", "true");
    highlight(0);
  }

  textarea.addEventListener("input", complete);
  textarea.addEventListener("blur", () => setTimeout(closeCompletions, 150));
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { run(event); return; }
    if (completionsEl.hidden || !items.length) return;
    if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight((active - 1 + items.length) % items.length); }
    else if (event.key === "Enter" || event.key === "Tab") { event.preventDefault(); accept(active >= 0 ? active : 0); }
    else if (event.key === "Escape") { event.preventDefault(); closeCompletions(); }
  });

  document.getElementById("cypher-form").addEventListener("submit", run);
  renderHistory();
  renderSaved();
  ecokg.initNavSearch();
})();
