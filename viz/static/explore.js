/* ecokg explorer: Bloom-like exploration of a drawn ego network — expand in place, hide, pin. */
(function () {
  "use strict";
  const ecokg = window.ecokg;
  const h = ecokg.h;

  /**
   * Attach exploration to a drawn network. A click selects a node and shows the action bar;
   * a double-click expands the node in place (its depth-1 neighbours merged into the view, the
   * centre unchanged). Keys on a selected node: E expand, H hide, P pin, Enter re-centre.
   *
   * opts: {meta, bar (element), center, types (Set|null, relation types to follow),
   *        onRecentre(id), signal (AbortSignal of the view)}. Returns {expand, hide, pin, showAll}.
   */
  ecokg.attachExplore = function (container, network, opts) {
    const data = network.ecokgData;
    const bar = opts.bar;
    const hidden = new Set();
    const expanded = new Set([opts.center]);
    let selected = null;
    let busy = false;

    function alive() {
      return !network.ecokgDestroyed && container.ecokgNetwork === network;
    }

    function counts() {
      container.dataset.nodeCount = String(data.nodes.get({filter: (n) => !n.hidden}).length);
      container.dataset.hiddenCount = String(hidden.size);
    }

    function renderBar() {
      if (!bar) return;
      const node = selected ? data.nodes.get(selected) : null;
      const showHidden = hidden.size ? h("button", {type: "button", id: "node-show-all", onclick: showAll},
        `显示隐藏的 ${hidden.size} 个 Show ${hidden.size} hidden`) : null;
      if (!node) {
        ecokg.clear(bar, h("span", {class: "muted"}, "选择节点以展开、隐藏或固定。Select a node to expand, hide or pin it."), showHidden);
        return;
      }
      const pinned = Boolean(node.ecokgPinned);
      ecokg.clear(bar,
        h("span", {class: "na-name", id: "node-selected", dataset: {id: node.id}}, node.label),
        h("button", {type: "button", id: "node-expand", title: "E / 双击 double-click", disabled: busy,
          onclick: () => expand(node.id)}, expanded.has(node.id) ? "已展开 Expanded" : "展开 Expand"),
        node.id === opts.center ? null : h("button", {type: "button", id: "node-recentre", title: "Enter",
          onclick: () => opts.onRecentre(node.id)}, "以此为中心 Re-centre"),
        node.id === opts.center ? null : h("button", {type: "button", id: "node-hide", title: "H",
          onclick: () => hide(node.id)}, "隐藏 Hide"),
        h("button", {type: "button", id: "node-pin", title: "P", "aria-pressed": pinned ? "true" : "false",
          onclick: () => pin(node.id)}, pinned ? "取消固定 Unpin" : "固定 Pin"),
        ecokg.entityLink(node.id, "打开页面 Open page"),
        showHidden);
    }

    function select(id) {
      selected = id && data.nodes.get(id) ? id : null;
      renderBar();
    }

    /** Merge the depth-1 neighbours of `id` into the view, placed in a ring around it. */
    async function expand(id) {
      if (busy || expanded.has(id) || !alive()) return;
      busy = true;
      renderBar();
      const params = new URLSearchParams({depth: "1"});
      if (opts.types) params.set("types", [...opts.types].join(","));
      let ego;
      try {
        ego = await ecokg.api(`/api/entities/${encodeURIComponent(id)}/ego?${params}`, {signal: opts.signal});
      } catch (error) {
        busy = false;
        if (error.name !== "AbortError" && alive() && opts.onError) opts.onError(ecokg.errorText(error));
        renderBar();
        return;
      }
      busy = false;
      if (!alive()) return;
      expanded.add(id);
      const origin = network.getPosition(id);
      const fresh = ego.nodes.filter((n) => n.id !== id && !data.nodes.get(n.id));
      const radius = 90 + 12 * fresh.length;
      const nodeNames = {};
      data.nodes.forEach((n) => { nodeNames[n.id] = n.label; });
      ego.nodes.forEach((n) => { nodeNames[n.id] = n.name; });
      data.nodes.add(fresh.map((n, i) => {
        const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
        return ecokg.visNode(opts.meta, Object.assign({}, n, {hop: 2}),
          {x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle)});
      }));
      const edges = ego.edges.map((e) => ecokg.visEdge(opts.meta, e, nodeNames))
        .filter((e) => !data.edges.get(e.id) && data.nodes.get(e.from) && data.nodes.get(e.to));
      data.edges.add(edges);
      // A node expanded here and hidden before comes back with its neighbours.
      fresh.forEach((n) => hidden.delete(n.id));
      counts();
      container.dataset.expanded = [...expanded].join(",");
      renderBar();
      if (opts.onChange) opts.onChange();
    }

    function hide(id) {
      if (id === opts.center || !alive()) return;
      hidden.add(id);
      data.nodes.update({id: id, hidden: true});
      if (selected === id) selected = null;
      network.unselectAll();
      counts();
      renderBar();
      if (opts.onChange) opts.onChange();
    }

    function showAll() {
      if (!alive()) return;
      data.nodes.update([...hidden].map((id) => ({id: id, hidden: false})));
      hidden.clear();
      counts();
      renderBar();
      if (opts.onChange) opts.onChange();
    }

    /** Pin: the node keeps its place (no dragging, no physics) and gets a dashed border. */
    function pin(id) {
      const node = data.nodes.get(id);
      if (!node || !alive()) return;
      const on = !node.ecokgPinned;
      data.nodes.update({id: id, ecokgPinned: on, fixed: on ? {x: true, y: true} : false,
        shapeProperties: {borderDashes: on ? [6, 4] : false}, borderWidth: on ? 4 : (id === opts.center ? 4 : 1.5)});
      container.dataset.pinned = data.nodes.get({filter: (n) => n.ecokgPinned}).map((n) => n.id).join(",");
      renderBar();
    }

    network.on("click", (params) => {
      const id = params.nodes.length === 1 ? params.nodes[0] : null;
      if (id && opts.isStub && opts.isStub(id)) { select(null); opts.onStub(id); return; }  // a collapsed hub
      select(id);
    });
    network.on("doubleClick", (params) => {
      if (params.nodes.length !== 1 || (opts.isStub && opts.isStub(params.nodes[0]))) return;  // a stub: its click expands it
      select(params.nodes[0]);
      expand(params.nodes[0]);
    });
    const onKey = (event) => {
      if (!alive()) { document.removeEventListener("keydown", onKey); return; }
      const target = event.target;
      if (!selected || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" ||
        target.isContentEditable)) return;
      const key = event.key.toLowerCase();
      if (key === "e") expand(selected);
      else if (key === "h") hide(selected);
      else if (key === "p") pin(selected);
      else if (key === "enter" && selected !== opts.center && target.tagName !== "BUTTON" && target.tagName !== "A") {
        opts.onRecentre(selected);
      } else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    counts();
    renderBar();
    return {expand: expand, hide: hide, pin: pin, showAll: showAll, select: select};
  };
})();
