/* ecokg explorer: shared helpers (DOM building, JSON fetches, suggestions, vis-network views).
 *
 * Data is never parsed as HTML: every element is built with createElement and text nodes,
 * so a name such as "<b>…" is shown as text.
 */
(function () {
  "use strict";

  const ecokg = {};

  /** Build an element: h("a", {href: "/x", class: "c"}, "text", childNode, …). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "dataset") Object.assign(el.dataset, value);
      else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
      else if (key === "style" && typeof value === "object") Object.assign(el.style, value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }
  ecokg.h = h;

  /** Replace an element's children. */
  ecokg.clear = function (el, ...children) {
    while (el.firstChild) el.removeChild(el.firstChild);
    for (const child of children.flat(Infinity)) {
      if (child !== undefined && child !== null) el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  };

  /** Fetch JSON; a non-2xx answer throws an Error carrying the API's {"detail": …}. */
  ecokg.api = async function (path, options) {
    const response = await fetch(path, Object.assign({headers: {"Accept": "application/json"}}, options || {}));
    let body = null;
    const text = await response.text();
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = {detail: text}; }
    if (!response.ok) {
      const detail = errorDetail(body && body.detail !== undefined ? body.detail : null) ||
        `${response.status} ${response.statusText}`;
      const error = new Error(detail);
      error.status = response.status;
      error.detail = detail;
      error.body = body;
      throw error;
    }
    return body;
  };

  /**
   * An API error's detail as one readable line: a string as is, {"message": …} as its message,
   * FastAPI's [{loc, msg}, …] as the messages joined — never raw JSON.
   */
  function errorDetail(detail) {
    if (detail === null || detail === undefined || detail === "") return "";
    if (typeof detail === "string") return detail.replace(/\s+/g, " ").trim();
    if (Array.isArray(detail)) return detail.map(errorDetail).filter(Boolean).join("; ");
    if (typeof detail === "object") {
      for (const key of ["message", "msg", "detail", "error"]) {
        if (detail[key] !== undefined) return errorDetail(detail[key]);
      }
      return Object.entries(detail).map(([k, v]) => `${k}: ${formatValue(v)}`).join("; ");
    }
    return String(detail);
  }
  ecokg.errorDetail = errorDetail;

  /** The readable one-line text of an error thrown by ecokg.api (or any Error). */
  ecokg.errorText = function (error) {
    if (!error) return "";
    return error.detail || error.message || String(error);
  };

  let metaPromise = null;
  /** /api/meta, fetched once per page (or the embedded copy in a standalone file). */
  ecokg.meta = function () {
    if (!metaPromise) {
      const embedded = ecokg.embeddedJSON("ecokg-meta");
      metaPromise = embedded ? Promise.resolve(embedded) : ecokg.api("/api/meta");
    }
    return metaPromise;
  };

  /** Parse a <script type="application/json" id=…> block, or null. */
  ecokg.embeddedJSON = function (id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  };

  ecokg.debounce = function (fn, ms) {
    let timer = null;
    return function (...args) {
      clearTimeout(timer);
      timer = setTimeout(() => fn.apply(this, args), ms);
    };
  };

  /** A value as display text (lists joined, objects as JSON). */
  function formatValue(value) {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.map(formatValue).join(", ");
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  }
  ecokg.formatValue = formatValue;

  function labelInfo(meta, label) {
    const found = meta && meta.labels ? meta.labels.find((l) => l.name === label) : null;
    return found || {name: label || "?", zh: label || "?", color: "#9aa0a6", shape: "dot", count: 0};
  }
  ecokg.labelInfo = labelInfo;

  function relationInfo(meta, type) {
    const found = meta && meta.relation_types ? meta.relation_types.find((r) => r.name === type) : null;
    return found || {name: type, gloss: "", symmetric: false, count: 0};
  }
  ecokg.relationInfo = relationInfo;

  /** A small coloured badge naming a label in Chinese and English. */
  ecokg.labelBadge = function (meta, label) {
    const info = labelInfo(meta, label);
    return h("span", {class: "badge", style: {borderColor: info.color}, title: info.name},
      h("span", {class: "swatch", style: {background: info.color}}), `${info.zh} ${info.name}`);
  };

  /** Link to an entity page. */
  ecokg.entityLink = function (id, name) {
    return h("a", {href: `/entity/${encodeURIComponent(id)}`, class: "entity-link", dataset: {id: id}}, name || id);
  };

  /* --- suggestions as you type ------------------------------------------------------------ */

  /**
   * Attach debounced /api/search suggestions to a text input.
   * onPick(result) receives {id, name, name_en, label, …}. Returns {setValue, clear}.
   */
  ecokg.attachSuggest = function (input, list, onPick, options) {
    const opts = Object.assign({limit: 10, delay: 180, filter: null}, options || {});
    let results = [];
    let active = -1;
    let seq = 0;

    function close() {
      ecokg.clear(list);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
    }

    function highlight(index) {
      const items = list.querySelectorAll("li");
      items.forEach((li, i) => li.classList.toggle("active", i === index));
      active = index;
      if (items[index]) items[index].scrollIntoView({block: "nearest"});
    }

    function pick(index) {
      const result = results[index];
      if (!result) return;
      close();
      onPick(result);
    }

    async function search() {
      const q = input.value.trim();
      const mine = ++seq;
      if (!q) { close(); return; }
      let body;
      try {
        body = await ecokg.api(`/api/search?q=${encodeURIComponent(q)}&limit=${opts.limit}`);
      } catch (error) {
        if (mine !== seq || document.activeElement !== input) return;
        ecokg.clear(list, h("li", {class: "error"}, `搜索失败 Search failed: ${ecokg.errorText(error)}`));
        list.hidden = false;
        return;
      }
      if (mine !== seq) return;  // a newer keystroke has its own request in flight
      const meta = await ecokg.meta().catch(() => null);
      // The user has left the field (Tab, click elsewhere) while the request ran: stay closed.
      if (mine !== seq || document.activeElement !== input) return;
      results = (body.results || []).filter((r) => !opts.filter || opts.filter(r));
      ecokg.clear(list);
      if (!results.length) {
        list.appendChild(h("li", {class: "empty"}, "无匹配 No match"));
      }
      results.forEach((r, i) => {
        list.appendChild(h("li", {
          role: "option", dataset: {id: r.id, index: String(i)},
          onmousedown: (event) => { event.preventDefault(); pick(i); },
          onmousemove: () => highlight(i),
        }, h("span", {class: "s-name"}, r.name), r.name_en ? h("span", {class: "s-en"}, r.name_en) : null,
        ecokg.labelBadge(meta, r.label),
        r.matched && r.matched !== r.name ? h("span", {class: "s-matched"}, `≈ ${r.matched}`) : null));
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }

    const debounced = ecokg.debounce(search, opts.delay);
    input.setAttribute("autocomplete", "off");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-expanded", "false");
    input.addEventListener("input", debounced);
    input.addEventListener("keydown", (event) => {
      const count = list.querySelectorAll("li[role=option]").length;
      if (event.key === "ArrowDown" && count) { event.preventDefault(); highlight((active + 1) % count); }
      else if (event.key === "ArrowUp" && count) { event.preventDefault(); highlight((active - 1 + count) % count); }
      else if (event.key === "Enter") {
        if (!list.hidden && count) { event.preventDefault(); pick(active >= 0 ? active : 0); }
      } else if (event.key === "Escape") {
        // Esc closes the list and keeps the text (a type=search input would clear itself).
        if (!list.hidden || input.type === "search") event.preventDefault();
        seq++;
        close();
      } else if (event.key === "Tab") {
        seq++;
        close();
      }
    });
    input.addEventListener("blur", () => { seq++; setTimeout(close, 150); });
    close();
    return {close: close, search: search};
  };

  /* --- tooltips (DOM elements: vis-network shows an Element title as is) -------------------- */

  /** A property value as shown: a linked entity by its name, source ids as publisher and title. */
  function displayValue(key, value, links) {
    const link = links && links[key];
    if (link && key === "sources" && Array.isArray(link)) return link.map(sourceText).join("; ");
    if (link && link.name) return link.name;
    return formatValue(value);
  }
  ecokg.displayValue = displayValue;

  /** An article as "publisher《title》date". */
  function sourceText(s) {
    return `${s.publisher ? s.publisher + " " : ""}${s.title ? "《" + s.title + "》" : s.id}${s.date ? " " + s.date : ""}`;
  }
  ecokg.sourceText = sourceText;

  function propertyRows(properties, links) {
    const rows = [];
    for (const [key, value] of Object.entries(properties || {})) {
      if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) continue;
      if (key === "citations" && Array.isArray(value)) {
        rows.push(h("div", {class: "tt-row"}, h("span", {class: "tt-key"}, "引用 citations"),
          h("ul", {class: "tt-cites"}, value.map((c) => h("li", {}, formatCitation(c))))));
        continue;
      }
      rows.push(h("div", {class: "tt-row"}, h("span", {class: "tt-key"}, key), h("span", {class: "tt-val"}, displayValue(key, value, links))));
    }
    return rows;
  }

  /** A citation: either {source, start, end, source_title, …} or the export's "source:start-end". */
  function formatCitation(c) {
    if (c && typeof c === "object") {
      const where = `${c.source}:${c.start}–${c.end}`;
      const title = c.source_title ? `《${c.source_title}》` : "";
      const publisher = c.source_publisher ? ` ${c.source_publisher}` : "";
      const date = c.source_date ? ` ${c.source_date}` : "";
      return `${title}${publisher}${date} [${where}]`;
    }
    return String(c);
  }
  ecokg.formatCitation = formatCitation;

  ecokg.nodeTooltip = function (meta, node) {
    const info = labelInfo(meta, node.label);
    return h("div", {class: "tooltip"},
      h("div", {class: "tt-title"}, node.name || node.id),
      node.name_en ? h("div", {class: "tt-sub"}, node.name_en) : null,
      h("div", {class: "tt-sub"}, `${info.zh} ${info.name} · id ${node.id}`),
      node.aliases && node.aliases.length ? h("div", {class: "tt-row"}, h("span", {class: "tt-key"}, "别名 aliases"),
        h("span", {class: "tt-val"}, node.aliases.join(", "))) : null,
      propertyRows(node.properties, node.links));
  };

  ecokg.edgeTooltip = function (meta, edge, nodeNames) {
    const rel = relationInfo(meta, edge.type);
    const names = nodeNames || {};
    return h("div", {class: "tooltip"},
      h("div", {class: "tt-title"}, `${edge.type} ${rel.gloss ? "(" + rel.gloss + ")" : ""}`),
      h("div", {class: "tt-sub"}, `${names[edge.source] || edge.source} ${rel.symmetric ? "—" : "→"} ${names[edge.target] || edge.target}`),
      propertyRows(edge.properties));
  };

  /* --- vis-network ------------------------------------------------------------------------ */

  const INSIDE_LABEL_SHAPES = new Set(["box", "ellipse", "circle", "database", "text"]);

  /** A vis node for an API node ({id, label, name, hop?}). */
  ecokg.visNode = function (meta, node, extra) {
    const info = labelInfo(meta, node.label);
    const centre = node.hop === 0;
    const inside = INSIDE_LABEL_SHAPES.has(info.shape);
    return Object.assign({
      id: node.id,
      label: node.name || node.id,
      group: node.label,
      shape: info.shape,
      size: centre ? 26 : 16,
      borderWidth: centre ? 4 : 1.5,
      color: {background: info.color, border: centre ? "#1f1f1f" : shade(info.color),
        highlight: {background: info.color, border: "#111"}, hover: {background: info.color, border: "#111"}},
      font: {size: centre ? 18 : 13, color: inside ? "#1b1b1b" : "#222", strokeWidth: inside ? 0 : 3,
        strokeColor: "#ffffff", bold: centre},
      title: ecokg.nodeTooltip(meta, node),
    }, extra || {});
  };

  /** A vis edge for an API edge ({id?, source, target, type, properties?}). */
  ecokg.visEdge = function (meta, edge, nodeNames, extra) {
    const rel = relationInfo(meta, edge.type);
    return Object.assign({
      id: edge.id || `${edge.source}|${edge.type}|${edge.target}`,
      from: edge.source,
      to: edge.target,
      label: edge.type,
      arrows: rel.symmetric ? "" : "to",
      dashes: rel.symmetric,
      color: {color: "#8a8f98", highlight: "#333", hover: "#333"},
      font: {size: 11, align: "middle", color: "#444", strokeWidth: 3, strokeColor: "#fff"},
      smooth: {enabled: true, type: "continuous", roundness: 0.3},
      title: ecokg.edgeTooltip(meta, edge, nodeNames),
    }, extra || {});
  };

  function shade(hex) {
    const m = /^#?([0-9a-f]{6})$/i.exec(hex || "");
    if (!m) return "#555";
    const n = parseInt(m[1], 16);
    const f = (v) => Math.max(0, Math.round(v * 0.7)).toString(16).padStart(2, "0");
    return `#${f((n >> 16) & 255)}${f((n >> 8) & 255)}${f(n & 255)}`;
  }

  /**
   * Draw nodes and edges (vis objects) in a container. The physics simulation runs only until
   * the layout is stable, then stops, so ~200 nodes stay still; the random seed is fixed so the
   * same data gives the same picture. Resolves to the vis.Network once stabilised.
   */
  ecokg.drawNetwork = function (container, visNodes, visEdges, options) {
    const nodes = new vis.DataSet(visNodes);
    const edges = new vis.DataSet(visEdges);
    const big = visNodes.length > 120;
    const network = new vis.Network(container, {nodes: nodes, edges: edges}, Object.assign({
      layout: {randomSeed: 42, improvedLayout: !big},
      interaction: {hover: true, tooltipDelay: 120, navigationButtons: false, keyboard: false},
      physics: {
        enabled: true,
        solver: "forceAtlas2Based",
        forceAtlas2Based: {gravitationalConstant: -60, springLength: 110, springConstant: 0.06, avoidOverlap: 0.4},
        stabilization: {enabled: true, iterations: big ? 400 : 250, updateInterval: 50, fit: true},
      },
      edges: {selectionWidth: 2},
    }, options || {}));
    network.ecokgData = {nodes: nodes, edges: edges};
    // vis deletes its internals on destroy(): a late "stabilized" or the fallback timer must not
    // touch a network a newer draw has replaced (the setOptions-of-undefined race).
    network.ecokgDestroyed = false;
    let fallback = null;
    const destroy = network.destroy.bind(network);
    network.destroy = function () {
      if (network.ecokgDestroyed) return;
      network.ecokgDestroyed = true;
      clearTimeout(fallback);
      destroy();
    };
    network.ecokgReady = new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done || network.ecokgDestroyed) return;
        done = true;
        clearTimeout(fallback);
        network.setOptions({physics: {enabled: false}});
        network.fit({animation: false});
        container.dataset.ready = "true";
        resolve(network);
      };
      network.once("stabilizationIterationsDone", finish);
      network.once("stabilized", finish);
      fallback = setTimeout(finish, 8000);  // never leave a page waiting on a simulation
    });
    keepTooltipsInView(network, container);
    container.dataset.ready = "false";
    return network;
  };

  /** Keep vis-network's tooltip inside the viewport: shift it left or flip it above the cursor. */
  function keepTooltipsInView(network, container) {
    network.on("showPopup", () => {
      requestAnimationFrame(() => {
        const tip = container.querySelector("div.vis-tooltip");
        if (!tip || tip.style.visibility === "hidden") return;
        const margin = 8;
        const box = tip.getBoundingClientRect();
        const frame = container.getBoundingClientRect();
        let left = parseFloat(tip.style.left) || 0;
        let top = parseFloat(tip.style.top) || 0;
        if (box.right > window.innerWidth - margin) left -= box.right - (window.innerWidth - margin);
        if (frame.left + left < margin) left = margin - frame.left;
        if (box.bottom > window.innerHeight - margin) {
          top -= box.height + 24;  // above the cursor instead of below it
          if (frame.top + top < margin) top = margin - frame.top;
        }
        tip.style.left = `${Math.round(left)}px`;
        tip.style.top = `${Math.round(top)}px`;
      });
    });
  }

  /** Legend of the labels present (or all labels of meta when `present` is omitted). */
  ecokg.renderLegend = function (el, meta, present) {
    const labels = (meta.labels || []).filter((l) => !present || present.has(l.name));
    ecokg.clear(el, labels.map((l) => h("span", {class: "legend-item", dataset: {label: l.name}},
      h("span", {class: `legend-shape shape-${l.shape}`, style: {background: l.color, color: l.color}}),
      `${l.zh} ${l.name}`)));
  };

  /**
   * Save the network as a high-resolution PNG (SCALE × the canvas) with a title and a legend of
   * the labels drawn. The network is redrawn at SCALE × its size on its own canvas for one frame,
   * copied to an offscreen canvas, then restored, so labels stay sharp. Resolves to the canvas.
   */
  ecokg.downloadPNG = async function (container, filename, options) {
    const opts = Object.assign({title: "", scale: 3, meta: null, download: true}, options || {});
    const network = container.ecokgNetwork;
    const source = container.querySelector("canvas");
    if (!source) return null;
    const meta = opts.meta || await ecokg.meta().catch(() => null);
    const scale = opts.scale;
    const width = container.clientWidth;
    const height = container.clientHeight;
    let graph = source;
    if (network && !network.ecokgDestroyed) {
      const view = {position: network.getViewPosition(), scale: network.getScale()};
      const tip = container.querySelector("div.vis-tooltip");
      if (tip) tip.style.visibility = "hidden";
      network.setSize(`${width * scale}px`, `${height * scale}px`);
      network.moveTo({position: view.position, scale: view.scale * scale, animation: false});
      network.redraw();
      graph = document.createElement("canvas");
      graph.width = source.width;
      graph.height = source.height;
      graph.getContext("2d").drawImage(source, 0, 0);
      network.setSize("100%", "100%");
      network.moveTo({position: view.position, scale: view.scale, animation: false});
      network.redraw();
    }
    const labels = new Set();
    if (network && network.ecokgData) {
      network.ecokgData.nodes.forEach((n) => { if (!n.hidden) labels.add(n.group); });
    }
    const legend = ((meta && meta.labels) || []).filter((l) => labels.has(l.name));
    const pad = 24 * scale / 3 * 2;
    const titleSize = 22 * scale / 3 * 2;
    const legendSize = 14 * scale / 3 * 2;
    const font = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif';
    const out = document.createElement("canvas");
    const ctx = out.getContext("2d");
    // Lay the legend out in rows first to know the height.
    ctx.font = `${legendSize}px ${font}`;
    const rows = [[]];
    let x = pad;
    legend.forEach((l) => {
      const text = `${l.zh} ${l.name}`;
      const w = legendSize * 1.6 + ctx.measureText(text).width + legendSize * 1.4;
      if (x + w > graph.width - pad && rows[rows.length - 1].length) { rows.push([]); x = pad; }
      rows[rows.length - 1].push({info: l, text: text, x: x});
      x += w;
    });
    const titleBand = opts.title ? titleSize * 2 : pad;
    const legendBand = legend.length ? rows.length * legendSize * 1.8 + pad : 0;
    out.width = graph.width;
    out.height = Math.round(titleBand + graph.height + legendBand);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    if (opts.title) {
      ctx.fillStyle = "#1b1b1b";
      ctx.font = `bold ${titleSize}px ${font}`;
      ctx.textBaseline = "middle";
      ctx.fillText(opts.title, pad, titleBand / 2);
    }
    ctx.drawImage(graph, 0, titleBand);
    ctx.font = `${legendSize}px ${font}`;
    ctx.textBaseline = "middle";
    rows.forEach((row, i) => {
      const y = titleBand + graph.height + pad / 2 + legendSize * (0.9 + i * 1.8);
      row.forEach((item) => {
        drawShape(ctx, item.info.shape, item.x + legendSize * 0.6, y, legendSize * 0.6, item.info.color);
        ctx.fillStyle = "#222";
        ctx.fillText(item.text, item.x + legendSize * 1.6, y);
      });
    });
    out.dataset.legend = String(legend.length);
    if (opts.download) {
      const a = h("a", {href: out.toDataURL("image/png"), download: filename});
      document.body.appendChild(a);
      a.click();
      a.remove();
    }
    return out;
  };

  /** A legend glyph: the vis shape of a label, filled with its colour. */
  function drawShape(ctx, shape, cx, cy, r, color) {
    ctx.save();
    ctx.fillStyle = color;
    ctx.strokeStyle = shade(color);
    ctx.lineWidth = Math.max(1, r / 6);
    ctx.beginPath();
    const poly = (points) => points.forEach(([px, py], i) => (i ? ctx.lineTo(cx + px * r, cy + py * r) :
      ctx.moveTo(cx + px * r, cy + py * r)));
    if (shape === "box" || shape === "square" || shape === "database" || shape === "text") ctx.rect(cx - r, cy - r * 0.75, 2 * r, 1.5 * r);
    else if (shape === "ellipse") ctx.ellipse(cx, cy, r * 1.2, r * 0.75, 0, 0, 2 * Math.PI);
    else if (shape === "diamond") poly([[0, -1], [1, 0], [0, 1], [-1, 0]]);
    else if (shape === "triangle") poly([[0, -1], [1, 0.8], [-1, 0.8]]);
    else if (shape === "triangleDown") poly([[-1, -0.8], [1, -0.8], [0, 1]]);
    else if (shape === "hexagon") poly([[-0.5, -0.87], [0.5, -0.87], [1, 0], [0.5, 0.87], [-0.5, 0.87], [-1, 0]]);
    else if (shape === "star") {
      const pts = [];
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + i * Math.PI / 5;
        const rr = i % 2 ? 0.45 : 1;
        pts.push([Math.cos(a) * rr, Math.sin(a) * rr]);
      }
      poly(pts);
    } else ctx.arc(cx, cy, r, 0, 2 * Math.PI);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
    ctx.restore();
  }

  /* --- result tables ------------------------------------------------------------------------ */

  /** Render {columns, rows} (rows as lists or objects) as a table; *id columns link to entities. */
  ecokg.renderTable = function (container, columns, rows) {
    const cell = (row, col, i) => (Array.isArray(row) ? row[i] : row[col]);
    const table = h("table", {class: "results"},
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", {scope: "col"}, c)))),
      h("tbody", {}, rows.map((row) => h("tr", {}, columns.map((c, i) => {
        const value = cell(row, c, i);
        if ((c === "id" || c.endsWith("_id")) && typeof value === "string" && value) {
          return h("td", {}, ecokg.entityLink(value, value));
        }
        return h("td", {}, formatValue(value));
      })))));
    ecokg.clear(container, table);
    return table;
  };

  /** Nodes and edges of result rows holding path columns (path_ids, path_types, path_names?). */
  ecokg.pathGraph = function (columns, rows, idColumn, typeColumn, nameColumn) {
    const get = (row, col) => (Array.isArray(row) ? row[columns.indexOf(col)] : row[col]);
    const nodes = new Map();
    const edges = new Map();
    rows.forEach((row) => {
      const ids = get(row, idColumn) || [];
      const types = get(row, typeColumn) || [];
      const names = (nameColumn && get(row, nameColumn)) || [];
      ids.forEach((id, i) => {
        if (!nodes.has(id)) nodes.set(id, {id: id, name: names[i] || id, hop: i === 0 ? 0 : undefined});
        if (i > 0) {
          const a = ids[i - 1];
          const key = [a, id].sort().join("|") + "|" + types[i - 1];
          if (!edges.has(key)) edges.set(key, {id: key, source: a, target: id, type: types[i - 1] || "", undirected: true});
        }
      });
    });
    return {nodes: [...nodes.values()], edges: [...edges.values()]};
  };

  /** The search box in the page header: pick a suggestion to open its entity page. */
  ecokg.initNavSearch = function (onPick) {
    const input = document.getElementById("nav-search");
    const list = document.getElementById("nav-suggestions");
    if (!input || !list) return;
    ecokg.attachSuggest(input, list, onPick || ((r) => { location.href = `/entity/${encodeURIComponent(r.id)}`; }));
  };

  window.ecokg = ecokg;
})();
