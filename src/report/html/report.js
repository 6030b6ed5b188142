// claimcheck report: click a claim to see its facts; click a fact to see its claims in every
// article (the articles holding them come first, side by side); verdict filters; a link to
// report.html#focus=f3 opens focused on fact f3. No network, no libraries.
(function () {
  "use strict";
  var focused = [];

  function clear() {
    focused.forEach(function (e) { e.classList.remove("focus"); });
    focused = [];
    document.body.classList.remove("focusing");
    document.querySelectorAll(".doc.has-focus").forEach(function (d) { d.classList.remove("has-focus"); });
  }

  function mark(el) {
    el.classList.add("focus");
    focused.push(el);
  }

  // Scroll `box` (a pane or an article) so that `el` is in its middle, without moving the
  // page itself.
  function reveal(el, box) {
    if (!el || !box) { return; }
    var b = box.getBoundingClientRect();
    var r = el.getBoundingClientRect();
    box.scrollTop += (r.top - b.top) - (b.height - r.height) / 2;
  }

  function ids(el, attr) {
    return (el.getAttribute(attr) || "").split(" ").filter(function (s) { return s.length > 0; });
  }

  function focusFact(fid, scroll) {
    var card = document.getElementById(fid);
    if (!card) { return; }
    clear();
    document.body.classList.add("focusing");
    mark(card);
    var firsts = [];
    ids(card, "data-claims").forEach(function (cid) {
      document.querySelectorAll('mark[data-claims~="' + cid + '"]').forEach(function (m) {
        mark(m);
        var doc = m.closest(".doc");
        if (doc && !doc.classList.contains("has-focus")) {
          doc.classList.add("has-focus");
          firsts.push([m, doc]);
        }
      });
    });
    document.querySelectorAll('[data-fact="' + fid + '"]').forEach(mark);
    if (scroll) {
      // The articles holding the fact come first; each shows its first claim of it.
      var row = document.querySelector(".docs-row");
      if (row) { row.scrollLeft = 0; }
      firsts.forEach(function (p) { reveal(p[0], p[1]); });
      reveal(card, card.closest(".facts"));
    }
  }

  function focusClaim(m) {
    clear();
    ids(m, "data-claims").forEach(function (cid) {
      document.querySelectorAll('mark[data-claims~="' + cid + '"]').forEach(mark);
    });
    var facts = ids(m, "data-facts");
    facts.forEach(function (fid) {
      var card = document.getElementById(fid);
      if (card) { mark(card); }
    });
    var first = facts.length > 0 ? document.getElementById(facts[0]) : null;
    if (first) { reveal(first, first.closest(".facts")); }
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) { return; }
    var m = t.closest("mark.claim");
    if (m) { focusClaim(m); return; }
    if (t.closest("a, input, label")) { return; }
    var node = t.closest("[data-fact]");
    if (node) { focusFact(node.getAttribute("data-fact"), true); return; }
    var card = t.closest(".fact");
    if (card) { focusFact(card.id, true); return; }
    var doc = t.closest("[data-doc]");
    if (doc) {
      var d = document.getElementById(doc.getAttribute("data-doc"));
      if (d) { d.scrollIntoView({ block: "nearest", inline: "start" }); }
    }
  });

  document.querySelectorAll("input[data-verdict]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-verdict"), !box.checked);
    });
  });

  // "#focus=f3", not "#f3": the browser would scroll the whole page to an element's id.
  var m = /^#focus=(f[0-9]+)$/.exec(location.hash);
  if (m) { focusFact(m[1], true); }
  document.body.classList.add("ready");
})();
