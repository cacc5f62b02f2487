/* ecokg explorer: paths from an entity to another entity or to any innovation centre. */
(function () {
  "use strict";
  const ecokg = window.ecokg;
  const h = ecokg.h;

  const sourceInput = document.getElementById("path-source");
  const targetInput = document.getElementById("path-target");
  const anyCentre = document.getElementById("path-any-centre");
  const maxHops = document.getElementById("max-hops");
  const skipRegions = document.getElementById("path-skip-regions");
  const list = document.getElementById("path-list");
  const status = document.getElementById("status");
  const container = document.getElementById("network");
  const notice = document.getElementById("truncated-notice");
  const chosen = {source: null, target: null};
  let meta = null;
  let paths = [];

  function setStatus(text, kind) {
    ecokg.clear(status, text || "");
    status.className = `status ${kind || ""}`;
    status.hidden = !text;
  }

  function choose(which, input, result) {
    chosen[which] = result;
    input.value = result.name;
    input.dataset.id = result.id;
    ecokg.clear(document.getElementById(`${input.id}-chosen`), ecokg.labelBadge(meta, result.label), " ",
      h("code", {}, result.id));
  }

  function unchoose(which, input) {
    if (chosen[which] && input.value !== chosen[which].name) {
      chosen[which] = null;
      delete input.dataset.id;
      ecokg.clear(document.getElementById(`${input.id}-chosen`));
    }
  }

  ecokg.attachSuggest(sourceInput, document.getElementById("path-source-suggestions"),
    (r) => choose("source", sourceInput, r));
  ecokg.attachSuggest(targetInput, document.getElementById("path-target-suggestions"),
    (r) => choose("target", targetInput, r));
  sourceInput.addEventListener("input", () => unchoose("source", sourceInput));
  targetInput.addEventListener("input", () => unchoose("target", targetInput));

  function syncTarget() {
    targetInput.disabled = anyCentre.checked;
  }
  anyCentre.addEventListener("change", syncTarget);

  /** Resolve a typed name to an entity through search when no suggestion was picked. */
  async function resolve(which, input) {
    if (chosen[which]) return chosen[which];
    const q = input.value.trim();
    if (!q) return null;
    const body = await ecokg.api(`/api/search?q=${encodeURIComponent(q)}&limit=1`);
    if (!body.results || !body.results.length) throw new Error(`未找到 Not found: ${q}`);
    choose(which, input, body.results[0]);
    return body.results[0];
  }

  /** One hop's arrows: 合作 and other symmetric types have none; otherwise the stored direction. */
  function arrowBetween(edge, from) {
    if (edge.directed === false) return ["—", "—"];
    return edge.source === from ? ["—", "→"] : ["←", "—"];
  }

  /** Every relation a hop merges, with qualifiers and citations (the hop's tooltip and details). */
  function hopDetails(edge) {
    const relations = edge.relations || [];
    return h("ul", {class: "hop-relations"}, relations.map((r) => {
      const qualifiers = Object.entries(r.qualifiers || {});
      return h("li", {},
        h("span", {class: "rel-type"}, r.type), ` ${r.direction === "both" ? "↔" : r.direction === "forward" ? "→" : "←"} `,
        qualifiers.map(([k, v]) => h("span", {class: "qualifier"}, `${k}: ${ecokg.formatValue(v)} `)),
        (r.citations || []).length ? h("ul", {class: "citations"},
          r.citations.map((c) => h("li", {}, ecokg.formatCitation(c)))) : null);
    }));
  }

  function hopLabel(edge) {
    return (edge.types && edge.types.length ? edge.types : [edge.type]).join(" / ");
  }

  function renderList() {
    ecokg.clear(list, paths.map((p, i) => {
      const parts = [];
      p.nodes.forEach((n, j) => {
        if (j > 0) {
          const edge = p.edges[j - 1];
          const [left, right] = arrowBetween(edge, p.nodes[j - 1].id);
          const count = (edge.relations || []).length;
          parts.push(h("span", {class: "path-edge", title: count > 1 ? `${count} 条关系 relations` : ""},
            ` ${left}`, h("span", {class: "rel-type"}, hopLabel(edge)), count > 1 ? h("sup", {}, `×${count}`) : null,
            `${right} `));
        }
        parts.push(h("span", {class: "path-node"}, ecokg.entityLink(n.id, n.name),
          h("span", {class: "swatch", title: n.label, style: {background: ecokg.labelInfo(meta, n.label).color}})));
      });
      return h("li", {class: "path", dataset: {index: String(i)}, tabindex: "0",
        onclick: (event) => { if (event.target.tagName !== "A") highlight(i); }},
      h("span", {class: "hops", title: "得分 score: relation strength × hub penalty"},
        `${p.hops} 跳 hops` + (p.score != null ? ` · ${p.score.toPrecision(2)}` : "")), " ", parts,
      h("details", {class: "hop-details"}, h("summary", {}, "关系与出处 Relations and citations"),
        p.edges.map((e, j) => h("div", {class: "hop"},
          h("strong", {}, `${p.nodes[j].name} — ${p.nodes[j + 1].name}`), hopDetails(e)))));
    }));
  }

  function highlight(index) {
    const network = container.ecokgNetwork;
    const p = paths[index];
    if (!network || !p) return;
    list.querySelectorAll("li").forEach((li, i) => li.classList.toggle("active", i === index));
    const edgeIds = p.edges.map((e) => `${e.source}|${e.type}|${e.target}`);
    network.setSelection({nodes: p.nodes.map((n) => n.id), edges: edgeIds}, {highlightEdges: false});
  }

  function draw(sourceId, targetIds) {
    const nodes = new Map();
    const edges = new Map();
    paths.forEach((p) => {
      p.nodes.forEach((n) => { if (!nodes.has(n.id)) nodes.set(n.id, n); });
      p.edges.forEach((e) => { const id = `${e.source}|${e.type}|${e.target}`; if (!edges.has(id)) edges.set(id, e); });
    });
    const names = {};
    nodes.forEach((n) => { names[n.id] = n.name; });
    const visNodes = [...nodes.values()].map((n) => ecokg.visNode(meta, Object.assign({}, n,
      {hop: n.id === sourceId || targetIds.has(n.id) ? 0 : 1})));
    const visEdges = [...edges.values()].map((e) => ecokg.visEdge(meta, e, names,
      e.directed === false ? {label: hopLabel(e), arrows: "", dashes: true} : {label: hopLabel(e)}));
    if (container.ecokgNetwork) container.ecokgNetwork.destroy();
    const network = ecokg.drawNetwork(container, visNodes, visEdges);
    container.ecokgNetwork = network;
    window.ecokgNetwork = network;
    network.on("doubleClick", (params) => {
      if (params.nodes.length === 1) location.href = `/entity/${encodeURIComponent(params.nodes[0])}`;
    });
    ecokg.renderLegend(document.getElementById("legend"), meta, new Set([...nodes.values()].map((n) => n.label)));
  }

  async function find(event) {
    if (event) event.preventDefault();
    notice.hidden = true;
    let source;
    let target = null;
    try {
      source = await resolve("source", sourceInput);
      if (!source) { setStatus("请选择起点 Pick a start entity", "error"); return; }
      if (!anyCentre.checked) {
        target = await resolve("target", targetInput);
        if (!target) { setStatus("请选择终点或勾选任意创新中心 Pick a target or “any innovation centre”", "error"); return; }
      }
    } catch (error) {
      setStatus(ecokg.errorText(error), "error");
      return;
    }
    const params = new URLSearchParams({source: source.id, max_hops: maxHops.value});
    if (skipRegions.checked) { params.set("exclude_labels", "Region"); params.set("exclude_types", "位于"); }
    if (target) params.set("target", target.id);
    else params.set("label", "InnovationCenter");
    history.replaceState(null, "", `/paths?${params}`);
    setStatus("查找中… Searching…");
    let body;
    try {
      body = await ecokg.api(target ? `/api/paths?${params}` : `/api/paths/to-label?${params}`);
    } catch (error) {
      setStatus(`查找失败 Path search failed — ${ecokg.errorText(error)}`, "error");
      return;
    }
    paths = body.paths || [];
    const targetIds = new Set(paths.map((p) => p.nodes[p.nodes.length - 1].id));
    setStatus(paths.length ? `找到 ${paths.length} 条路径 Found ${paths.length} path(s)` :
      `${maxHops.value} 跳内无路径 No path within ${maxHops.value} hops`, paths.length ? "ok" : "");
    notice.hidden = !body.truncated;
    renderList();
    if (paths.length) draw(source.id, targetIds);
    else if (container.ecokgNetwork) { container.ecokgNetwork.destroy(); container.ecokgNetwork = null; }
  }

  async function init() {
    meta = await ecokg.meta().catch(() => ({labels: [], relation_types: []}));
    ecokg.initNavSearch();
    document.getElementById("path-form").addEventListener("submit", find);
    document.getElementById("download-png").addEventListener("click", () => {
      if (container.ecokgNetwork) {
        ecokg.downloadPNG(container, "ecokg-paths.png", {meta: meta,
          title: `路径 Paths: ${sourceInput.value}${anyCentre.checked ? " → 创新中心 innovation centres" : targetInput.value ? " → " + targetInput.value : ""}`});
      }
    });
    // A URL such as /paths?source=leju&label=InnovationCenter runs at once.
    const params = new URLSearchParams(location.search);
    if (params.get("max_hops")) maxHops.value = params.get("max_hops");
    if (params.get("exclude_labels")) skipRegions.checked = true;
    if (params.get("label") === "InnovationCenter" || params.get("target_label") === "InnovationCenter") anyCentre.checked = true;
    syncTarget();
    const preset = async (which, input, id) => {
      const entity = await ecokg.api(`/api/entities/${encodeURIComponent(id)}`);
      choose(which, input, entity);
    };
    try {
      if (params.get("source")) await preset("source", sourceInput, params.get("source"));
      if (params.get("target")) await preset("target", targetInput, params.get("target"));
      if (params.get("source") && (params.get("target") || anyCentre.checked)) find();
    } catch (error) {
      setStatus(ecokg.errorText(error), "error");
    }
  }

  init();
})();
