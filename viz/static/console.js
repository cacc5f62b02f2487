/* ecokg explorer: the read-only Cypher console. */
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
  ];
  const NEO4J_TEXTS = {
    0: "MATCH (n)\nRETURN labels(n)[0] AS label, count(*) AS n\nORDER BY n DESC",
    1: "MATCH ()-[r]->()\nRETURN type(r) AS type, count(*) AS n\nORDER BY n DESC",
    2: "MATCH (a)-[r:牵头]->(c:InnovationCenter)\nRETURN c.name AS centre, a.name AS leader, labels(a)[0] AS leader_label\nORDER BY centre",
    3: "MATCH (n {id: $id})-[r]-(m)\nRETURN type(r) AS type, m.id AS other_id, m.name AS other, labels(m)[0] AS other_label\nORDER BY type, other",
    4: "MATCH (a:Company {id: $id}) MATCH (c:InnovationCenter)\nMATCH p = shortestPath((a)-[*..4]-(c))\n" +
      "RETURN c.name AS centre, length(p) AS hops, [n IN nodes(p) | n.name] AS path_names",
  };
  ecokg.meta().then((meta) => {
    if (meta.dialect !== "neo4j") return;
    Object.entries(NEO4J_TEXTS).forEach(([i, text]) => { EXAMPLES[Number(i)].query = text; });
    if (textarea.value.includes("label(n)")) textarea.value = EXAMPLES[0].query;
  }).catch(() => {});

  const textarea = document.getElementById("cypher");
  const paramsArea = document.getElementById("cypher-params");
  const errorEl = document.getElementById("cypher-error");
  const infoEl = document.getElementById("results-info");
  const resultsEl = document.getElementById("results");
  const runButton = document.getElementById("run-cypher");

  ecokg.clear(document.getElementById("examples"), EXAMPLES.map((ex, i) => h("li", {},
    h("button", {type: "button", class: "link example", id: `example-${i}`, onclick: () => {
      textarea.value = ex.query;
      paramsArea.value = JSON.stringify(ex.params);
      textarea.focus();
    }}, ex.title))));

  function showError(text) {
    ecokg.clear(errorEl, text);
    errorEl.hidden = false;
  }

  async function run(event) {
    if (event) event.preventDefault();
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
    try {
      const body = await ecokg.api("/api/cypher", {
        method: "POST",
        headers: {"Content-Type": "application/json", "Accept": "application/json"},
        body: JSON.stringify({query: textarea.value, params: params}),
      });
      ecokg.clear(infoEl, `${body.rows.length} 行 rows · ${Number(body.query_ms).toFixed(1)} ms`,
        body.truncated ? h("span", {class: "notice inline"}, " 结果已截断 truncated") : null);
      ecokg.renderTable(resultsEl, body.columns, body.rows);
    } catch (error) {
      ecokg.clear(infoEl);
      ecokg.clear(resultsEl);
      showError(`错误 Error — ${error.detail || error.message}`);
    } finally {
      runButton.disabled = false;
    }
  }

  document.getElementById("cypher-form").addEventListener("submit", run);
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run(event);
  });
  ecokg.initNavSearch();
})();
