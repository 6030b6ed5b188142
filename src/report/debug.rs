//! Debug views: what each stage saw — the cleaned segments with their spans, the claims with
//! their rule ids, and the alignment graph as Graphviz DOT.

use std::fmt::Write as _;

use crate::align;
use crate::judge::describe;
use crate::Report;

pub fn segments(rep: &Report) -> String {
    let mut out = String::new();
    for d in &rep.documents {
        let _ = writeln!(out, "# {} ({}, published {})", d.path, d.language, d.published.date.map_or("unknown".into(), |x| x.to_string()));
        for s in &d.extract.segments.sentences {
            let (l, c) = d.line_col(s.span.start);
            let (fs, fe) = d.file_span(s.span);
            let _ = writeln!(out, "{l}:{c} [{fs}..{fe}] {}", &d.text[s.span.start..s.span.end]);
        }
        for r in &d.extract.segments.removed {
            let (l, c) = d.line_col(r.span.start);
            let (fs, fe) = d.file_span(r.span);
            let _ = writeln!(out, "{l}:{c} removed [{fs}..{fe}]: {}", r.reason);
        }
    }
    out
}

pub fn claims(rep: &Report) -> String {
    let mut out = String::new();
    for (i, c) in rep.claims.iter().enumerate() {
        let d = &rep.documents[c.doc];
        let (l, col) = d.line_col(c.span.start);
        let _ = writeln!(out, "c{} {}:{l}:{col} {} {} — {} [{}]", i + 1, d.file_name(), c.kind.name(), &d.text[c.span.start..c.span.end], describe(c), c.rule);
    }
    out
}

pub fn graph(rep: &Report) -> String {
    let g = align::graph(rep.claims.len(), &rep.edges);
    let mut out = String::from("graph claims {\n  node [shape=box, fontsize=10];\n");
    for n in g.node_indices() {
        let ci = g[n];
        let c = &rep.claims[ci];
        if g.neighbors(n).next().is_none() {
            continue;
        }
        let label = format!("c{} {}\\n{}", ci + 1, rep.documents[c.doc].id, describe(c).replace('"', "'"));
        let _ = writeln!(out, "  c{} [label=\"{label}\"];", ci + 1);
    }
    for e in g.edge_indices() {
        if let Some((a, b)) = g.edge_endpoints(e) {
            let _ = writeln!(out, "  c{} -- c{} [label=\"{}\"];", g[a] + 1, g[b] + 1, g[e]);
        }
    }
    out.push_str("}\n");
    out
}
