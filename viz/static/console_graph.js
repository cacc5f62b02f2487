/* ecokg explorer: nodes, relationships and paths in console results, as a graph to draw. */
(function () {
  "use strict";
  const ecokg = window.ecokg;

  const NODE_KEYS = new Set(["id", "label", "name", "name_en", "aliases"]);
  const EDGE_KEYS = new Set(["type", "source", "target"]);

  /** "node", "relationship", "path" or null for one result value (as the stores serialise them). */
  function kind(value) {
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    if (Array.isArray(value.nodes) && Array.isArray(value.relationships)) return "path";
    if (typeof value.label === "string" && value.id !== undefined && value.id !== null) return "node";
    if (typeof value.type === "string" && value.label === undefined) return "relationship";
    return null;
  }
  ecokg.resultKind = kind;

  /** True when a value is graph data: a node, relationship, path or a list of them. */
  function graphish(value) {
    if (Array.isArray(value)) return value.length > 0 && value.every(graphish);
    return kind(value) !== null;
  }

  /** The values of a row flattened in column order: paths become node, rel, node, … */
  function flatten(value, out) {
    if (Array.isArray(value)) { value.forEach((v) => flatten(v, out)); return out; }
    const k = kind(value);
    if (k === "path") {
      value.nodes.forEach((n, i) => {
        out.push({kind: "node", value: n});
        if (i < value.relationships.length) out.push({kind: "relationship", value: value.relationships[i]});
      });
    } else if (k) out.push({kind: k, value: value});
    return out;
  }

  function apiNode(value) {
    const properties = {};
    Object.entries(value).forEach(([k, v]) => { if (!NODE_KEYS.has(k)) properties[k] = v; });
    return {id: String(value.id), label: value.label, name: value.name || String(value.id),
      name_en: value.name_en, aliases: value.aliases || [], properties: properties};
  }

  /**
   * The graph in console rows: {nodes, edges, graphColumns}. A relationship that does not name its
   * endpoints (LadybugDB's bare `r`) joins the nodes before and after it in its row, as in
   * `RETURN a, r, b`. graphColumns counts the columns whose every non-null value is graph data.
   */
  ecokg.resultGraph = function (columns, rows) {
    const nodes = new Map();
    const edges = new Map();
    rows.forEach((row) => {
      const values = Array.isArray(row) ? row : columns.map((c) => row[c]);
      const items = flatten(values, []);
      items.forEach((item, i) => {
        if (item.kind === "node") {
          const node = apiNode(item.value);
          if (!nodes.has(node.id)) nodes.set(node.id, node);
          return;
        }
        const rel = item.value;
        let source = rel.source;
        let target = rel.target;
        if (source === undefined || source === null || target === undefined || target === null) {
          const before = items.slice(0, i).reverse().find((x) => x.kind === "node");
          const after = items.slice(i + 1).find((x) => x.kind === "node");
          if (!before || !after) return;
          source = before.value.id;
          target = after.value.id;
        }
        const properties = {};
        Object.entries(rel).forEach(([k, v]) => { if (!EDGE_KEYS.has(k)) properties[k] = v; });
        const id = rel.key ? `${rel.type}|${rel.key}` : `${source}|${rel.type}|${target}`;
        if (!edges.has(id)) {
          edges.set(id, {id: id, source: String(source), target: String(target), type: rel.type, properties: properties});
        }
      });
    });
    // Endpoints a relationship names but no column returned: drawn as bare ids.
    edges.forEach((e) => [e.source, e.target].forEach((id) => {
      if (!nodes.has(id)) nodes.set(id, {id: id, label: null, name: id, aliases: [], properties: {}});
    }));
    const graphColumns = columns.filter((c, i) => {
      const vals = rows.map((row) => (Array.isArray(row) ? row[i] : row[c])).filter((v) => v !== null && v !== undefined);
      return vals.length > 0 && vals.every(graphish);
    }).length;
    return {nodes: [...nodes.values()], edges: [...edges.values()], graphColumns: graphColumns};
  };

  /** Draw a result graph with the ontology's colours and shapes; returns the vis.Network. */
  ecokg.drawResultGraph = function (container, meta, graph) {
    const names = {};
    graph.nodes.forEach((n) => { names[n.id] = n.name; });
    const visNodes = graph.nodes.map((n) => ecokg.visNode(meta, Object.assign({}, n, {hop: 1})));
    const visEdges = graph.edges.map((e) => ecokg.visEdge(meta, e, names));
    if (container.ecokgNetwork) container.ecokgNetwork.destroy();
    const network = ecokg.drawNetwork(container, visNodes, visEdges);
    container.ecokgNetwork = network;
    window.ecokgNetwork = network;
    container.dataset.nodeCount = String(visNodes.length);
    container.dataset.edgeCount = String(visEdges.length);
    return network;
  };
})();
