//! Sets: a list of three or more entities of one type with a set predicate ("diundang").

use crate::claim::*;
use crate::lexicon::{Ann, Tag};
use crate::rules::*;

use super::tokens::*;
use super::Extractor;

impl<'r> Extractor<'r> {
    pub(super) fn sets(&self, doc: usize, pack: &LanguagePack, s: &Sent, ents: &[Ent]) -> Vec<Claim> {
        let mut out = Vec::new();
        let mut k = 0;
        while k < ents.len() {
            let kind = ents[k].kind;
            if kind.is_none() {
                k += 1;
                continue;
            }
            let mut chain = vec![k];
            let mut m = k;
            while m + 1 < ents.len() {
                let gap = ents[m].end..ents[m + 1].start;
                let joined = gap.len() == 1 && (s.is_punct(gap.start, ",") || s.find(gap.start, |t| matches!(t, Tag::Conj)).is_some())
                    || gap.len() == 2 && s.is_punct(gap.start, ",") && s.find(gap.start + 1, |t| matches!(t, Tag::Conj)).is_some();
                if joined && ents[m + 1].kind == kind {
                    chain.push(m + 1);
                    m += 1;
                } else {
                    break;
                }
            }
            if chain.len() >= 3 {
                let first = &ents[chain[0]];
                let last = &ents[chain[chain.len() - 1]];
                let pred = (last.end..(last.end + 4).min(s.toks.len()))
                    .find_map(|p| s.find(p, |t| matches!(t, Tag::SetPred(_))))
                    .or_else(|| (first.start.saturating_sub(4)..first.start).find_map(|p| s.find(p, |t| matches!(t, Tag::SetPred(_)))));
                if let Some(Ann { tag: Tag::SetPred(pi), end: pend, start: pstart }) = pred {
                    let mut members: Vec<String> = chain.iter().map(|&c| ents[c].r.id().to_string()).collect();
                    members.sort();
                    members.dedup();
                    let (a, b) = (first.start.min(pstart), last.end.max(pend));
                    out.push(Claim {
                        doc,
                        span: s.span(a, b),
                        sentence: s.span.into(),
                        kind: Kind::Set,
                        value: Value::Set { members, predicate: pack.set_predicates[pi as usize].id.clone() },
                        rule: self.rule_name(pack, "set", &pack.set_predicates[pi as usize].id),
                        subject: None,
                        speaker: None,
                        source: None,
                        hedged: false,
                    });
                }
            }
            k = m + 1;
        }
        out
    }
}
