/* ecokg explorer: the home page (search with suggestions, counts per label and type). */
(function () {
  "use strict";
  const ecokg = window.ecokg;
  const h = ecokg.h;

  const input = document.getElementById("search");
  const list = document.getElementById("suggestions");
  const open = (r) => { location.href = `/entity/${encodeURIComponent(r.id)}`; };
  const suggest = ecokg.attachSuggest(input, list, open);

  document.getElementById("search-form").addEventListener("submit", async (event) => {
    // Enter without a highlighted suggestion: open the best match.
    event.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    try {
      const body = await ecokg.api(`/api/search?q=${encodeURIComponent(q)}&limit=1`);
      if (body.results && body.results.length) open(body.results[0]);
      else suggest.search();
    } catch (error) {
      suggest.search();
    }
  });

  ecokg.meta().then((meta) => {
    const total = meta.labels.reduce((sum, l) => sum + (l.count || 0), 0);
    ecokg.clear(document.getElementById("label-counts"),
      h("table", {class: "counts"},
        h("thead", {}, h("tr", {}, h("th", {}, "类型 Label"), h("th", {class: "num"}, "数量 Count"))),
        h("tbody", {}, meta.labels.map((l) => h("tr", {dataset: {label: l.name}},
          h("td", {}, h("span", {class: `legend-shape shape-${l.shape}`, style: {background: l.color, color: l.color}}),
            `${l.zh} ${l.name}`),
          h("td", {class: "num"}, String(l.count))))),
        h("tfoot", {}, h("tr", {}, h("td", {}, "合计 Total"), h("td", {class: "num"}, String(total))))));
    const relTotal = meta.relation_types.reduce((sum, r) => sum + (r.count || 0), 0);
    ecokg.clear(document.getElementById("relation-counts"),
      h("table", {class: "counts"},
        h("thead", {}, h("tr", {}, h("th", {}, "关系 Relation"), h("th", {class: "num"}, "数量 Count"))),
        h("tbody", {}, meta.relation_types.map((r) => h("tr", {dataset: {type: r.name}},
          h("td", {}, h("span", {class: "rel-type"}, r.name), ` ${r.gloss}${r.symmetric ? " ⇄" : ""}`),
          h("td", {class: "num"}, String(r.count))))),
        h("tfoot", {}, h("tr", {}, h("td", {}, "合计 Total"), h("td", {class: "num"}, String(relTotal))))));
  }).catch((error) => {
    ecokg.clear(document.getElementById("label-counts"),
      h("p", {class: "status error"}, `无法加载元数据 Could not load /api/meta — ${error.message}`));
  });
})();
