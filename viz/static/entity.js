/* ecokg explorer: the entity page (ego network, filters, relations with citations). */
(function () {
  "use strict";
  const ecokg = window.ecokg;
  const h = ecokg.h;

  const root = document.getElementById("entity-page");
  const container = document.getElementById("network");
  const depthSelect = document.getElementById("depth");
  const filters = document.getElementById("type-filters");
  const notice = document.getElementById("truncated-notice");
  const status = document.getElementById("status");
  const info = document.getElementById("entity-info");
  const relations = document.getElementById("relations");

  const state = {id: root.dataset.entityId, depth: 1, types: null};
  let meta = null;
  let loadSeq = 0;
  const READABLE_CAP = {2: 40, 3: 50};

  function readURL() {
    const match = /^\/entity\/([^/]+)/.exec(location.pathname);
    if (match) state.id = decodeURIComponent(match[1]);
    const params = new URLSearchParams(location.search);
    const depth = parseInt(params.get("depth") || "1", 10);
    state.depth = depth >= 1 && depth <= 3 ? depth : 1;
    const types = params.get("types");
    state.types = types ? new Set(types.split(",").filter(Boolean)) : null;
    state.labels = params.get("labels");  // e.g. labels=Company,Person,InnovationCenter
  }

  function url() {
    const params = new URLSearchParams();
    if (state.depth !== 1) params.set("depth", String(state.depth));
    if (state.types) params.set("types", [...state.types].join(","));
    if (state.labels) params.set("labels", state.labels);
    const query = params.toString();
    return `/entity/${encodeURIComponent(state.id)}${query ? "?" + query : ""}`;
  }

  function syncControls() {
    depthSelect.value = String(state.depth);
    filters.querySelectorAll("input[type=checkbox]").forEach((box) => {
      box.checked = !state.types || state.types.has(box.value);
    });
  }

  function readControls() {
    state.depth = parseInt(depthSelect.value, 10);
    const boxes = [...filters.querySelectorAll("input[type=checkbox]")];
    const checked = boxes.filter((b) => b.checked).map((b) => b.value);
    state.types = checked.length === boxes.length ? null : new Set(checked);
  }

  function setStatus(text, kind) {
    ecokg.clear(status, text || "");
    status.className = `status ${kind || ""}`;
    status.hidden = !text;
  }

  function buildFilters() {
    const all = h("button", {type: "button", class: "link", id: "types-all"}, "全选 All");
    const none = h("button", {type: "button", class: "link", id: "types-none"}, "清空 None");
    all.addEventListener("click", () => { filters.querySelectorAll("input").forEach((b) => { b.checked = true; }); changed(); });
    none.addEventListener("click", () => { filters.querySelectorAll("input").forEach((b) => { b.checked = false; }); changed(); });
    const boxes = meta.relation_types.map((r) => h("label", {class: "type-filter", title: r.gloss},
      h("input", {type: "checkbox", value: r.name, checked: true, onchange: changed}),
      h("span", {class: "rel-type"}, r.name), ` ${r.gloss}`));
    ecokg.clear(filters, h("legend", {}, "关系类型 Relation types ", all, " ", none), boxes);
  }

  function changed() {
    readControls();
    history.replaceState({id: state.id}, "", url());
    loadEgo();
  }

  function renderInfo(entity) {
    const props = Object.entries(entity.properties || {}).filter(([, v]) => v !== null && v !== "" &&
      !(Array.isArray(v) && !v.length));
    ecokg.clear(info,
      h("h1", {id: "entity-name"}, entity.name),
      h("div", {class: "entity-meta"}, ecokg.labelBadge(meta, entity.label), h("code", {}, entity.id)),
      entity.aliases && entity.aliases.length ? h("p", {class: "aliases"}, "别名 Aliases: ", entity.aliases.join("、")) : null,
      props.length ? h("dl", {class: "props"}, props.map(([k, v]) => [h("dt", {}, k), h("dd", {}, ecokg.formatValue(v))])) : null);
    document.title = `${entity.name} · ecokg`;
  }

  function renderRelations(entity) {
    const counts = entity.relation_counts || {};
    const byType = new Map();
    (entity.relations || []).forEach((r) => {
      if (!byType.has(r.type)) byType.set(r.type, []);
      byType.get(r.type).push(r);
    });
    const sections = [...byType.entries()].map(([type, list]) => {
      const rel = ecokg.relationInfo(meta, type);
      return h("section", {class: "relation-group", dataset: {type: type}},
        h("h3", {}, h("span", {class: "rel-type"}, type), ` ${rel.gloss} (${counts[type] || list.length})`),
        h("ul", {}, list.map((r) => {
          const arrow = rel.symmetric ? "—" : r.direction === "in" ? "←" : "→";
          const quals = Object.entries(r.qualifiers || {}).filter(([, v]) => v !== null && v !== "");
          return h("li", {class: "relation"},
            h("div", {}, h("span", {class: "arrow", title: r.direction}, arrow), " ",
              ecokg.entityLink(r.other_id, r.other_name), " ", ecokg.labelBadge(meta, r.other_label)),
            quals.length ? h("div", {class: "qualifiers"}, quals.map(([k, v]) =>
              h("span", {class: "qualifier"}, `${k}: ${ecokg.formatValue(v)}`))) : null,
            (r.citations || []).length ? h("ul", {class: "citations"}, r.citations.map((c) =>
              h("li", {}, h("span", {class: "cite-title"}, c.source_title ? `《${c.source_title}》` : c.source),
                c.source_publisher ? ` ${c.source_publisher}` : "", " ",
                h("span", {class: "cite-span"}, `[${c.source}:${c.start}–${c.end}]`)))) : null);
        })));
    });
    ecokg.clear(relations, sections.length ? sections : h("p", {class: "muted"}, "无关系 No relations"));
  }

  async function loadEgo() {
    const mine = ++loadSeq;
    notice.hidden = true;
    if (state.types && state.types.size === 0) {
      // No relation type selected: the centre alone.
      const entity = await ecokg.api(`/api/entities/${encodeURIComponent(state.id)}`);
      if (mine !== loadSeq) return;
      const ego = {center: state.id, nodes: [Object.assign({hop: 0}, entity)], edges: [], truncated: false};
      draw(ego);
      return;
    }
    setStatus("加载中… Loading…");
    const params = new URLSearchParams({depth: String(state.depth)});
    if (state.types) params.set("types", [...state.types].join(","));
    if (state.labels) params.set("labels", state.labels);
    // Deeper views keep the most relevant nodes only; hubs beyond the cap collapse into stubs.
    if (READABLE_CAP[state.depth]) params.set("limit", String(READABLE_CAP[state.depth]));
    let ego;
    try {
      ego = await ecokg.api(`/api/entities/${encodeURIComponent(state.id)}/ego?${params}`);
    } catch (error) {
      if (mine === loadSeq) setStatus(`无法加载网络 Could not load the network — ${error.message}`, "error");
      return;
    }
    if (mine !== loadSeq) return;
    setStatus("");
    draw(ego);
  }

  function draw(ego) {
    const network = ecokg.drawEgo(container, meta, ego);
    ecokg.renderLegend(document.getElementById("legend"), meta, ecokg.labelsPresent(ego.nodes));
    if (ego.truncated) {
      ecokg.clear(notice, `结果已截断：仅显示 ${ego.nodes.length} 个节点（上限 ${ego.node_cap}）。` +
        `Truncated: showing ${ego.nodes.length} nodes (cap ${ego.node_cap}); lower the depth or filter relation types.` +
        ((ego.stubs || []).length ? " 虚线框为折叠的节点，点击展开。Dashed boxes count collapsed nodes: click one to expand it." : ""));
      notice.hidden = false;
    }
    container.dataset.center = ego.center;
    container.dataset.nodeCount = String(ego.nodes.length);
    network.on("click", (params) => {
      if (params.nodes.length !== 1 || params.nodes[0] === state.id) return;
      if (network.ecokgStubs && network.ecokgStubs.has(params.nodes[0])) {  // a collapsed hub: expand it
        ecokg.expandStub(container, meta, params.nodes[0], (id) =>
          ecokg.api(`/api/entities/${encodeURIComponent(id)}/ego?depth=1`)).catch((error) =>
          setStatus(`无法展开 Could not expand — ${error.message}`, "error"));
        return;
      }
      recentre(params.nodes[0]);
    });
  }

  async function load() {
    setStatus("加载中… Loading…");
    let entity;
    try {
      entity = await ecokg.api(`/api/entities/${encodeURIComponent(state.id)}`);
    } catch (error) {
      const text = error.status === 404 ? `未找到实体 Entity not found: ${state.id}` :
        `加载失败 Loading failed — ${error.message}`;
      setStatus(text, "error");
      ecokg.clear(info);
      ecokg.clear(relations);
      return;
    }
    renderInfo(entity);
    renderRelations(entity);
    await loadEgo();
  }

  function recentre(id) {
    state.id = id;
    history.pushState({id: id}, "", url());
    load();
  }

  async function init() {
    readURL();
    try {
      meta = await ecokg.meta();
    } catch (error) {
      setStatus(`无法加载元数据 Could not load /api/meta — ${error.message}`, "error");
      return;
    }
    buildFilters();
    syncControls();
    depthSelect.addEventListener("change", changed);
    document.getElementById("download-png").addEventListener("click",
      () => ecokg.downloadPNG(container, `ecokg-${state.id}.png`));
    document.getElementById("fit").addEventListener("click", () => {
      if (container.ecokgNetwork) container.ecokgNetwork.fit({animation: true});
    });
    window.addEventListener("popstate", () => { readURL(); syncControls(); load(); });
    ecokg.initNavSearch((r) => recentre(r.id));
    load();
  }

  init();
})();
