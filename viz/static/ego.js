/* ecokg explorer: the ego-network view, shared by the entity page and standalone ego files. */
(function () {
  "use strict";
  const ecokg = window.ecokg;
  const h = ecokg.h;

  /** Draw an ego network ({center, nodes, edges}) into a container; returns the vis.Network. */
  ecokg.drawEgo = function (container, meta, ego) {
    const names = {};
    ego.nodes.forEach((n) => { names[n.id] = n.name; });
    const seen = new Set();
    const visNodes = [];
    ego.nodes.forEach((n) => {
      if (seen.has(n.id)) return;
      seen.add(n.id);
      visNodes.push(ecokg.visNode(meta, Object.assign({}, n, {hop: n.id === ego.center ? 0 : n.hop})));
    });
    const edgeIds = new Set();
    const visEdges = [];
    ego.edges.forEach((e) => {
      const edge = ecokg.visEdge(meta, e, names);
      if (edgeIds.has(edge.id) || !seen.has(edge.from) || !seen.has(edge.to)) return;
      edgeIds.add(edge.id);
      visEdges.push(edge);
    });
    const stubs = new Map();
    (ego.stubs || []).forEach((stub) => {
      if (!seen.has(stub.parent)) return;
      stubs.set(stub.id, stub);
      visNodes.push(stubNode(stub));
      visEdges.push(stubEdge(stub));
    });
    if (container.ecokgNetwork) container.ecokgNetwork.destroy();
    const network = ecokg.drawNetwork(container, visNodes, visEdges);
    network.ecokgStubs = stubs;
    container.dataset.stubs = String(stubs.size);
    container.ecokgNetwork = network;
    window.ecokgNetwork = network;
    return network;
  };

  /** A collapsed hub's dropped neighbours: one counted node ("深圳 +57"). */
  function stubNode(stub) {
    return {id: stub.id, label: stub.name, shape: "box", borderWidth: 1.5, shapeProperties: {borderDashes: [4, 3]},
      color: {background: "#f6f7f9", border: "#8a8f98", highlight: {background: "#eef4fb", border: "#333"},
        hover: {background: "#eef4fb", border: "#333"}},
      font: {size: 12, color: "#333"},
      title: `${stub.count} 个节点已折叠，点击展开 ${stub.count} more nodes collapsed — click to expand`};
  }

  function stubEdge(stub) {
    return {id: `${stub.id}|stub`, from: stub.parent, to: stub.id, dashes: true, arrows: "",
      color: {color: "#c3c7cd"}, smooth: {enabled: true, type: "continuous", roundness: 0.3}};
  }

  /**
   * Expand a stub in place: ``load(parentId)`` resolves to the parent's depth-1 ego network,
   * whose nodes and edges not yet drawn are added around the parent (and its own stub, if capped).
   */
  ecokg.expandStub = async function (container, meta, stubId, load) {
    const network = container.ecokgNetwork;
    const stub = network && network.ecokgStubs && network.ecokgStubs.get(stubId);
    if (!stub) return false;
    const more = await load(stub.parent);
    const data = network.ecokgData;
    data.edges.remove(`${stubId}|stub`);
    data.nodes.remove(stubId);
    network.ecokgStubs.delete(stubId);
    const at = network.getPositions([stub.parent])[stub.parent] || {x: 0, y: 0};
    const fresh = more.nodes.filter((n) => !data.nodes.get(n.id));
    const names = {};
    data.nodes.forEach((n) => { names[n.id] = n.label; });
    fresh.forEach((n) => { names[n.id] = n.name; });
    data.nodes.add(fresh.map((n, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
      const radius = 140 + 6 * fresh.length;
      return ecokg.visNode(meta, Object.assign({}, n, {hop: Math.max(1, stub.hop)}),
        {x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle)});
    }));
    more.edges.forEach((e) => {
      const edge = ecokg.visEdge(meta, e, names);
      if (!data.edges.get(edge.id) && data.nodes.get(edge.from) && data.nodes.get(edge.to)) data.edges.add(edge);
    });
    (more.stubs || []).filter((s) => s.parent === stub.parent).forEach((s) => {
      network.ecokgStubs.set(s.id, s);
      data.nodes.add(Object.assign(stubNode(s), {x: at.x, y: at.y + 60}));
      data.edges.add(stubEdge(s));
    });
    container.dataset.stubs = String(network.ecokgStubs.size);
    container.dataset.nodeCount = String(data.nodes.length - network.ecokgStubs.size);
    return true;
  };

  /** The labels present among an ego's nodes. */
  ecokg.labelsPresent = function (nodes) {
    return new Set(nodes.map((n) => n.label));
  };

  /** Standalone file: data embedded in the page, relation-type filters applied in the browser. */
  ecokg.initStandaloneEgo = function () {
    const meta = ecokg.embeddedJSON("ecokg-meta");
    const ego = ecokg.embeddedJSON("ecokg-ego");
    const container = document.getElementById("network");
    const filters = document.getElementById("type-filters");
    const order = meta.relation_types.map((r) => r.name);
    const types = [...new Set(ego.edges.map((e) => e.type))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const names = {};
    ego.nodes.forEach((n) => { names[n.id] = n.name; });

    function draw() {
      const checked = new Set([...filters.querySelectorAll("input:checked")].map((i) => i.value));
      const edges = ego.edges.filter((e) => checked.has(e.type));
      const keep = new Set([ego.center]);
      edges.forEach((e) => { keep.add(e.source); keep.add(e.target); });
      const view = {center: ego.center, nodes: ego.nodes.filter((n) => keep.has(n.id)), edges: edges};
      ecokg.drawEgo(container, meta, view);
      ecokg.renderLegend(document.getElementById("legend"), meta, ecokg.labelsPresent(view.nodes));
    }

    types.forEach((t) => {
      const rel = ecokg.relationInfo(meta, t);
      filters.appendChild(h("label", {class: "type-filter"},
        h("input", {type: "checkbox", value: t, checked: true, onchange: draw}), `${t} ${rel.gloss}`));
    });
    document.getElementById("truncated-notice").hidden = !ego.truncated;
    document.getElementById("download-png").addEventListener("click",
      () => ecokg.downloadPNG(container, `${ego.center}.png`, {meta: meta,
        title: `${names[ego.center] || ego.center} · 自我网络 ego network`}));

    const list = document.getElementById("relations");
    ego.edges.forEach((e) => {
      const rel = ecokg.relationInfo(meta, e.type);
      const cites = (e.properties && e.properties.citations) || [];
      const qualifiers = Object.entries(e.properties || {}).filter(([k]) => !["citations", "key", "sources"].includes(k));
      list.appendChild(h("li", {class: "relation"},
        h("div", {}, h("strong", {}, names[e.source] || e.source), ` ${rel.symmetric ? "—" : "→"} `,
          h("span", {class: "rel-type"}, e.type), ` ${rel.symmetric ? "—" : "→"} `,
          h("strong", {}, names[e.target] || e.target)),
        qualifiers.length ? h("div", {class: "qualifiers"},
          qualifiers.map(([k, v]) => h("span", {class: "qualifier"}, `${k}: ${ecokg.formatValue(v)}`))) : null,
        cites.length ? h("ul", {class: "citations"}, cites.map((c) => h("li", {}, ecokg.formatCitation(c)))) : null));
    });
    draw();
  };
})();
