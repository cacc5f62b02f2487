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
    if (container.ecokgNetwork) container.ecokgNetwork.destroy();
    const network = ecokg.drawNetwork(container, visNodes, visEdges);
    container.ecokgNetwork = network;
    window.ecokgNetwork = network;
    return network;
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
