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
  const asOfSlider = document.getElementById("as-of");
  const asOfValue = document.getElementById("as-of-value");
  const asOfNotice = document.getElementById("as-of-notice");
  const evidence = document.getElementById("evidence");

  const state = {id: root.dataset.entityId, depth: 1, types: null, asOf: null};
  let asOfDates = [];  // the slider's stops: the relation dates seen, as YYYY-MM-DD; past the last, "all"
  let meta = null;
  let loadSeq = 0;
  let inFlight = null;  // the AbortController of the newest ego request
  const emptyNotice = document.getElementById("empty-notice");
  const actionBar = document.getElementById("node-actions");
  const READABLE_CAP = {2: 40, 3: 50};

  function readURL() {
    const match = /^\/entity\/([^/]+)/.exec(location.pathname);
    if (match) state.id = decodeURIComponent(match[1]);
    const params = new URLSearchParams(location.search);
    const depth = parseInt(params.get("depth") || "1", 10);
    state.depth = depth >= 1 && depth <= 3 ? depth : 1;
    const types = params.get("types");
    state.types = types ? new Set(types.split(",").filter(Boolean)) : null;
    const asOf = params.get("as_of");
    state.asOf = asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null;
    state.labels = params.get("labels");  // e.g. labels=Company,Person,InnovationCenter
  }

  function url() {
    const params = new URLSearchParams();
    if (state.depth !== 1) params.set("depth", String(state.depth));
    if (state.types) params.set("types", [...state.types].join(","));
    if (state.asOf) params.set("as_of", state.asOf);
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
      props.length ? h("dl", {class: "props"}, props.map(([k, v]) => [h("dt", {}, k), h("dd", {}, propertyValue(entity, k, v))])) : null,
      renderStanding(entity.standing));
    document.title = `${entity.name} · ecokg`;
  }

  /** A property of the entity: a linked entity by name (a link), sources as publisher and title. */
  function propertyValue(entity, key, value) {
    const link = (entity.links || {})[key];
    if (key === "sources" && Array.isArray(link)) {
      return h("ul", {class: "sources"}, link.map((s) => h("li", {},
        s.url ? h("a", {href: s.url, rel: "noopener noreferrer", target: "_blank"}, ecokg.sourceText(s)) : ecokg.sourceText(s))));
    }
    if (link && link.id) return ecokg.entityLink(link.id, link.name);
    return ecokg.formatValue(value);
  }

  /** One citation: publisher, title and date (a link when the source has a url); click for the evidence. */
  function citationItem(c) {
    const open = h("button", {type: "button", class: "link cite-open", title: "查看原文 Show the evidence",
      dataset: {citation: `${c.source}:${c.start}-${c.end}`}, onclick: () => showEvidence(c)},
      h("span", {class: "cite-title"}, c.source_title ? `《${c.source_title}》` : c.source));
    return h("li", {}, open,
      c.source_publisher ? ` ${c.source_publisher}` : "",
      c.source_date ? h("span", {class: "cite-date"}, ` ${c.source_date}`) : "", " ",
      h("span", {class: "cite-span"}, `[${c.source}:${c.start}–${c.end}]`),
      c.source_url ? [" ", h("a", {href: c.source_url, class: "cite-url", rel: "noopener noreferrer", target: "_blank"}, "原文 link")] : null);
  }

  async function showEvidence(c) {
    const citation = `${c.source}:${c.start}-${c.end}`;
    evidence.hidden = false;
    evidence.dataset.citation = citation;
    evidence.dataset.ready = "false";
    ecokg.clear(evidence, h("p", {class: "muted"}, "加载中… Loading…"));
    let body;
    try {
      body = await ecokg.api(`/api/evidence?citation=${encodeURIComponent(citation)}`);
    } catch (error) {
      ecokg.clear(evidence, h("p", {class: "status error"}, `无法加载原文 Could not load the evidence — ${error.message}`));
      return;
    }
    if (evidence.dataset.citation !== citation) return;
    const meta = body.citation;
    const close = h("button", {type: "button", class: "link evidence-close", title: "关闭 Close",
      onclick: () => { evidence.hidden = true; }}, "✕");
    ecokg.clear(evidence,
      h("h3", {}, "出处 Evidence ", close),
      h("p", {class: "evidence-source"},
        meta.source_url ? h("a", {href: meta.source_url, rel: "noopener noreferrer", target: "_blank"}, `《${meta.source_title || meta.source}》`)
          : h("strong", {}, `《${meta.source_title || meta.source}》`),
        meta.source_publisher ? ` ${meta.source_publisher}` : "", meta.source_date ? ` · ${meta.source_date}` : "",
        body.author ? ` · ${body.author}` : ""),
      body.text ? h("blockquote", {class: "evidence-text"}, body.text.before, h("mark", {}, body.text.span), body.text.after)
        : h("p", {class: "muted evidence-missing"}, `原文不可用 Text not available: ${body.unavailable || ""}`),
      h("p", {class: "muted cite-span"}, citation));
    evidence.dataset.ready = "true";
  }

  function renderStanding(s) {
    // PageRank rank and community, computed when the database was built (absent on huge graphs).
    if (!s) return null;
    const top = (s.community_top || []).map((m, i) => [i ? "、" : "", ecokg.entityLink(m.id, m.name)]);
    return h("p", {class: "standing", id: "entity-standing"},
      `PageRank 排名 rank ${s.pagerank_rank} / ${s.of} · 社区 community ${s.community} (${s.community_size}): `, top);
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
            (r.citations || []).length ? h("ul", {class: "citations"}, r.citations.map(citationItem)) : null);
        })));
    });
    if (entity.undated_relations && entity.undated_relations.length) {
      // With as_of: the undated relations, apart (they may or may not have stood by then).
      sections.push(h("section", {class: "relation-group undated", id: "undated-relations"},
        h("h3", {}, `未注明日期 Undated (${entity.undated_relations.length})`),
        h("ul", {}, entity.undated_relations.map((r) => h("li", {class: "relation"},
          h("div", {}, h("span", {class: "rel-type"}, r.type), " ", r.direction === "in" ? "←" : "→", " ",
            ecokg.entityLink(r.other_id, r.other_name)),
          (r.citations || []).length ? h("ul", {class: "citations"}, r.citations.map(citationItem)) : null)))));
    }
    ecokg.clear(relations, sections.length ? sections : h("p", {class: "muted"}, "无关系 No relations"));
  }

  /* --- as-of slider: stops at the dates of the relations shown, then "all" ---------------- */

  function fullDate(date) {
    const text = String(date);
    return /^\d{4}$/.test(text) ? `${text}-01-01` : /^\d{4}-\d{2}$/.test(text) ? `${text}-01` : text.slice(0, 10);
  }

  function dayBefore(date) {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  }

  function setSliderDates(dates) {
    const stops = [...new Set(dates.filter(Boolean).map(fullDate))].sort();
    // A stop before the first date (only undated relations), each date, and "all".
    asOfDates = stops.length ? [dayBefore(stops[0]), ...stops] : [];
    asOfSlider.max = String(asOfDates.length);
    asOfSlider.disabled = !asOfDates.length;
    syncSlider();
  }

  function syncSlider() {
    let index = asOfDates.length;
    if (state.asOf) {
      index = asOfDates.findIndex((d) => d >= state.asOf);
      if (index < 0) index = asOfDates.length;
      else if (asOfDates[index] !== state.asOf) {
        asOfDates.splice(index, 0, state.asOf);  // a date from the URL between two stops
        asOfSlider.max = String(asOfDates.length);
      }
    }
    asOfSlider.value = String(index);
    asOfValue.value = state.asOf || "全部 All";
    asOfValue.textContent = state.asOf || "全部 All";
  }

  function asOfMoved() {
    const index = parseInt(asOfSlider.value, 10);
    state.asOf = index < asOfDates.length ? asOfDates[index] : null;
    asOfValue.textContent = state.asOf || "全部 All";
    history.replaceState({id: state.id}, "", url());
    loadRelations();
    loadEgo();
  }

  async function loadRelations() {
    const query = state.asOf ? `?as_of=${state.asOf}` : "";
    let entity;
    try {
      entity = await ecokg.api(`/api/entities/${encodeURIComponent(state.id)}${query}`);
    } catch (error) {
      setStatus(`加载失败 Loading failed — ${error.message}`, "error");
      return;
    }
    if ((state.asOf ? `?as_of=${state.asOf}` : "") !== query) return;
    renderRelations(entity);
  }

  async function loadEgo() {
    const mine = ++loadSeq;
    // Fast depth/filter changes and re-centres: only the newest request may draw.
    if (inFlight) inFlight.abort();
    const controller = new AbortController();
    inFlight = controller;
    notice.hidden = true;
    if (emptyNotice) emptyNotice.hidden = true;
    const id = state.id;
    try {
      if (state.types && state.types.size === 0) {
        // No relation type selected: the centre alone.
        const entity = await ecokg.api(`/api/entities/${encodeURIComponent(id)}`, {signal: controller.signal});
        if (mine !== loadSeq) return;
        draw({center: id, nodes: [Object.assign({hop: 0}, entity)], edges: [], truncated: false}, controller);
        return;
      }
      setStatus("加载中… Loading…");
      const params = new URLSearchParams({depth: String(state.depth)});
      if (state.types) params.set("types", [...state.types].join(","));
      if (state.labels) params.set("labels", state.labels);
      if (state.asOf) params.set("as_of", state.asOf);
      // Deeper views keep the most relevant nodes only; hubs beyond the cap collapse into stubs.
      if (READABLE_CAP[state.depth]) params.set("limit", String(READABLE_CAP[state.depth]));
      const ego = await ecokg.api(`/api/entities/${encodeURIComponent(id)}/ego?${params}`, {signal: controller.signal});
      if (mine !== loadSeq) return;
      setStatus("");
      draw(ego, controller);
      showAsOfNotice(ego);
    } catch (error) {
      if (error.name === "AbortError" || mine !== loadSeq) return;
      setStatus(`无法加载网络 Could not load the network — ${ecokg.errorText(error)}`, "error");
    }
  }

  /** With as_of: undated edges drawn dotted and pale (they are kept, but not known to have stood). */
  function markUndated(network, ego) {
    const undated = ego.edges.filter((e) => e.undated && e.id);
    if (!undated.length || !network.body || !network.body.data) return;
    network.body.data.edges.update(undated.map((e) => ({id: e.id, dashes: [2, 4], color: {color: "#c4c8ce", opacity: 0.8}})));
    container.dataset.undatedEdges = String(undated.length);
  }

  function showAsOfNotice(ego) {
    if (!state.asOf) { asOfNotice.hidden = true; return; }
    const undated = ego.edges.filter((e) => e.undated).length;
    ecokg.clear(asOfNotice, `截至 ${state.asOf}：隐藏 ${ego.later || 0} 条更晚的关系，${undated} 条未注明日期的关系仍显示。` +
      `As of ${state.asOf}: ${ego.later || 0} later relations hidden; ${undated} undated shown.`);
    asOfNotice.hidden = false;
  }

  function explainOnlyCentre(ego) {
    if (!emptyNotice) return;
    const others = ego.nodes.filter((n) => n.id !== ego.center).length;
    if (others) { emptyNotice.hidden = true; return; }
    const chosen = state.types ? state.types.size : meta.relation_types.length;
    const text = state.types && state.types.size === 0 ?
      "未选择任何关系类型，只显示中心节点。请在上方勾选关系类型。No relation type is selected, so only the centre is shown: tick some relation types above." :
      state.types ? `在所选的 ${chosen} 种关系类型中，该实体没有关系，只显示中心节点。请选择更多关系类型（或“全选”）。` +
        `The entity has no relations of the ${chosen} selected type(s), so only the centre is shown: select more types (or “All”).` :
        "该实体没有任何关系，只显示中心节点。The entity has no relations, so only the centre is shown.";
    ecokg.clear(emptyNotice, text);
    emptyNotice.hidden = false;
  }

  function draw(ego, controller) {
    const network = ecokg.drawEgo(container, meta, ego);
    markUndated(network, ego);
    ecokg.renderLegend(document.getElementById("legend"), meta, ecokg.labelsPresent(ego.nodes));
    if (ego.truncated) {
      ecokg.clear(notice, `结果已截断：仅显示 ${ego.nodes.length} 个节点（上限 ${ego.node_cap}）。` +
        `Truncated: showing ${ego.nodes.length} nodes (cap ${ego.node_cap}); lower the depth or filter relation types.` +
        ((ego.stubs || []).length ? " 虚线框为折叠的节点，点击展开。Dashed boxes count collapsed nodes: click one to expand it." : ""));
      notice.hidden = false;
    }
    explainOnlyCentre(ego);
    container.dataset.center = ego.center;
    container.dataset.nodeCount = String(ego.nodes.length);
    ecokg.attachExplore(container, network, {
      meta: meta, bar: actionBar, center: ego.center, types: state.types, signal: controller.signal,
      onRecentre: recentre,
      onError: (text) => setStatus(`无法展开 Could not expand — ${text}`, "error"),
      onChange: () => ecokg.renderLegend(document.getElementById("legend"), meta,
        new Set(network.ecokgData.nodes.get({filter: (n) => !n.hidden}).map((n) => n.group))),
      isStub: (id) => Boolean(network.ecokgStubs && network.ecokgStubs.has(id)),
      onStub: (id) => ecokg.expandStub(container, meta, id, (parent) =>
        ecokg.api(`/api/entities/${encodeURIComponent(parent)}/ego?depth=1`)).catch((error) =>
        setStatus(`无法展开 Could not expand — ${ecokg.errorText(error)}`, "error")),
    });
  }

  let entitySeq = 0;
  async function load() {
    const mine = ++entitySeq;
    setStatus("加载中… Loading…");
    let entity;
    try {
      entity = await ecokg.api(`/api/entities/${encodeURIComponent(state.id)}`);
    } catch (error) {
      if (mine !== entitySeq) return;
      const text = error.status === 404 ? `未找到实体 Entity not found: ${state.id} — ${ecokg.errorText(error)}` :
        `加载失败 Loading failed — ${ecokg.errorText(error)}`;
      setStatus(text, "error");
      ecokg.clear(info);
      ecokg.clear(relations);
      return;
    }
    if (mine !== entitySeq) return;  // re-centred again meanwhile
    renderInfo(entity);
    setSliderDates((entity.relations || []).map((r) => r.qualifiers && r.qualifiers.date));
    if (state.asOf) loadRelations(); else renderRelations(entity);
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
      setStatus(`无法加载元数据 Could not load /api/meta — ${ecokg.errorText(error)}`, "error");
      return;
    }
    buildFilters();
    syncControls();
    depthSelect.addEventListener("change", changed);
    asOfSlider.addEventListener("input", ecokg.debounce(asOfMoved, 150));
    document.getElementById("download-png").addEventListener("click",
      () => ecokg.downloadPNG(container, `ecokg-${state.id}.png`, {meta: meta,
        title: `${document.getElementById("entity-name") ? document.getElementById("entity-name").textContent : state.id}` +
          ` · 自我网络 ego network · 深度 depth ${state.depth}`}));
    document.getElementById("fit").addEventListener("click", () => {
      if (container.ecokgNetwork) container.ecokgNetwork.fit({animation: true});
    });
    window.addEventListener("popstate", () => { readURL(); syncControls(); load(); });
    ecokg.initNavSearch((r) => recentre(r.id));
    load();
  }

  init();
})();
