//! Debug views: every stage is observable — segments with spans and what was removed, claims
//! with their rule ids, and the alignment graph as Graphviz DOT.

mod common;

#[test]
fn segments_show_spans_and_removed_furniture() {
    let o = common::run(&["debug", "segments", "seeds/002_5f812b772f151371.txt"]);
    assert_eq!(common::code(&o), 0);
    let out = common::stdout(&o);
    // On its own the article states no year anywhere, so its date is unknown.
    assert!(out.starts_with("# seeds/002_5f812b772f151371.txt (id, published unknown)"), "{out}");
    // A kept sentence with line:col and its byte span…
    assert!(out.lines().any(|l| l.starts_with("15:1 [") && l.contains("NATO bahkan menuduh")), "{out}");
    // …and the related-article list and the "BACA JUGA" line, removed with their reason.
    assert!(out.lines().any(|l| l.starts_with("27:1 removed") && l.contains("baca juga")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("31:1 removed") && l.contains("artikel terkait")), "{out}");
}

#[test]
fn claims_show_their_rule_ids() {
    let out = common::stdout(&common::run(&["debug", "claims", "seeds/002_5f812b772f151371.txt"]));
    assert!(out.lines().any(|l| l.contains("lebih dari 11.000 kontainer amunisi") && l.ends_with("[id/quantity/more-than]")), "{out}");
    assert!(out.lines().any(|l| l.contains("quantity puluhan rudal balistik") && l.ends_with("[id/quantity/tens]")), "{out}");
}

#[test]
fn graph_is_graphviz_dot_with_judged_edges() {
    let out = common::stdout(&common::run(&["debug", "graph", "seeds/"]));
    assert!(out.starts_with("graph claims {"), "{out}");
    assert!(out.trim_end().ends_with('}'));
    assert!(out.contains("[label=\"corroborated\"]") && out.contains("[label=\"compatible\"]"), "{out}");
    // Only claims that take part in a relation are drawn.
    let nodes = out.lines().filter(|l| l.contains("[label=\"c")).count();
    let edges = out.lines().filter(|l| l.contains(" -- ")).count();
    assert!(nodes >= 10 && edges >= 8, "{nodes} nodes, {edges} edges");
}
