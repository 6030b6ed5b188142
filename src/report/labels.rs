//! Labels: the words reports show for ids — counted things, units, vague amounts, events, set
//! predicates, entities, offices, month and weekday names, clock zones — taken from the rules
//! (`label:` fields, entity aliases, `calendar_labels`), never written in code.
//!
//! Reports are written for people who read the interface language (`UI_LANGUAGE`): a label of
//! that language wins, then one of any other language (in code order), then the id itself with
//! `_` and `-` read as spaces. Names the rules do not know (`nico_afinta`) are shown as the
//! article writes them when the sentence has them, else title-cased.

use std::collections::BTreeMap;

use crate::rules::{CalendarLabels, Label, RuleSet};

/// The language of the report's own words (column headers, "articles", "latest"): labels of
/// this language are preferred.
pub const UI_LANGUAGE: &str = "en";

/// A unit as reports write it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitLabel {
    pub label: Label,
    /// Written before the number ("US$137", "magnitude 5.6").
    pub prefix: bool,
}

/// Every display word a report needs, collected once from a rule set.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    concepts: BTreeMap<String, Label>,
    /// The unit a bare count of a concept has (deaths → person): not repeated in "12 deaths".
    concept_units: BTreeMap<String, String>,
    units: BTreeMap<String, UnitLabel>,
    /// The thing a unit measures when none is named (magnitude → quake_magnitude).
    unit_of: BTreeMap<String, String>,
    vague: BTreeMap<String, Label>,
    events: BTreeMap<String, Label>,
    sets: BTreeMap<String, Label>,
    entities: BTreeMap<String, String>,
    roles: BTreeMap<String, String>,
    calendar: Option<CalendarLabels>,
    /// Clock zone names per language: (name, offset from UTC in minutes).
    zones: BTreeMap<String, Vec<(String, i32)>>,
}

/// `_` and `-` as spaces: the last resort for an id without a label.
pub fn words_of(id: &str) -> String {
    id.replace(['_', '-'], " ")
}

/// "nico_afinta" → "Nico Afinta": a name the rules do not know, for display.
pub fn title_case(slug: &str) -> String {
    slug.split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(c) => c.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Labels {
    /// The labels of a rule set, interface language first.
    pub fn from_rules(rules: &RuleSet) -> Labels {
        let mut l = Labels::default();
        let ordered = rules.languages.get(UI_LANGUAGE).into_iter().chain(rules.languages.iter().filter(|(code, _)| code.as_str() != UI_LANGUAGE).map(|(_, p)| p));
        for pack in ordered {
            for c in &pack.concepts {
                if let Some(label) = &c.label {
                    l.concepts.entry(c.id.clone()).or_insert_with(|| label.clone());
                }
                if let Some(u) = &c.unit {
                    l.concept_units.entry(c.id.clone()).or_insert_with(|| u.clone());
                }
            }
            for u in &pack.units {
                if let Some(label) = &u.label {
                    l.units.entry(u.id.clone()).or_insert_with(|| UnitLabel { label: label.clone(), prefix: u.prefix });
                }
                if let Some(of) = &u.of {
                    l.unit_of.entry(u.id.clone()).or_insert_with(|| of.clone());
                }
            }
            for v in &pack.vague {
                if let Some(label) = &v.label {
                    l.vague.entry(v.id.clone()).or_insert_with(|| label.clone());
                }
            }
            for e in &pack.events {
                if let Some(label) = &e.label {
                    l.events.entry(e.id.clone()).or_insert_with(|| label.clone());
                }
            }
            for s in &pack.set_predicates {
                if let Some(label) = &s.label {
                    l.sets.entry(s.id.clone()).or_insert_with(|| label.clone());
                }
            }
            for e in &pack.entities {
                if let Some(label) = &e.label {
                    l.entities.entry(e.id.clone()).or_insert_with(|| label.clone());
                }
            }
            for r in &pack.roles {
                if let Some(a) = r.aliases.first() {
                    l.roles.entry(r.id.clone()).or_insert_with(|| a.clone());
                }
            }
            if l.calendar.is_none() {
                l.calendar = pack.calendar_labels.clone();
            }
            let mut zones: Vec<(String, i32)> = pack.times.zones.iter().map(|(k, v)| (k.clone(), *v)).collect();
            zones.sort();
            l.zones.insert(pack.code.clone(), zones);
        }
        // Without a `label:`, an entity's first alias (language-neutral names come first).
        for (id, info) in &rules.entities {
            if let Some(label) = &info.label {
                l.entities.entry(id.clone()).or_insert_with(|| label.clone());
            }
        }
        l
    }

    /// A counted thing for a count of `n` ("deaths", "death"); the id's words without a label.
    pub fn concept(&self, id: &str, n: Option<f64>) -> String {
        self.concepts.get(id).map_or_else(|| words_of(id), |l| l.form(n).to_string())
    }

    /// True when `unit` is what a bare count of `concept` is counted in (deaths in persons).
    pub fn implied_unit(&self, concept: &str, unit: &str) -> bool {
        self.concept_units.get(concept).is_some_and(|u| u == unit)
    }

    pub fn unit(&self, id: &str) -> Option<&UnitLabel> {
        self.units.get(id)
    }

    /// The thing a unit measures on its own (magnitude → quake_magnitude).
    pub fn unit_of(&self, id: &str) -> Option<&str> {
        self.unit_of.get(id).map(String::as_str)
    }

    pub fn vague(&self, id: &str) -> Option<&Label> {
        self.vague.get(id)
    }

    pub fn event(&self, id: &str) -> String {
        self.events.get(id).map_or_else(|| words_of(id), |l| l.form(None).to_string())
    }

    pub fn set_predicate(&self, id: &str) -> String {
        self.sets.get(id).map_or_else(|| words_of(id), |l| l.form(None).to_string())
    }

    /// A known entity's name, if the rules give one.
    pub fn entity(&self, id: &str) -> Option<&str> {
        self.entities.get(id).map(String::as_str)
    }

    /// An office's name (its first alias), if the rules give one.
    pub fn role(&self, id: &str) -> Option<&str> {
        self.roles.get(id).map(String::as_str)
    }

    /// Month (1–12) and weekday (1 = Monday … 7) names, if the rules give them.
    pub fn month(&self, m: i8) -> Option<&str> {
        self.calendar.as_ref()?.months.get(usize::try_from(m).ok()?.checked_sub(1)?).map(String::as_str)
    }

    pub fn weekday(&self, d: i8) -> Option<&str> {
        self.calendar.as_ref()?.weekdays.get(usize::try_from(d).ok()?.checked_sub(1)?).map(String::as_str)
    }

    /// The zone names of a language with this offset from UTC.
    pub fn zones(&self, language: &str, offset: i32) -> impl Iterator<Item = &str> {
        self.zones.get(language).into_iter().flatten().filter(move |(_, o)| *o == offset).map(|(n, _)| n.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_without_labels_read_as_words() {
        assert_eq!(words_of("seriously_injured"), "seriously injured");
        assert_eq!(title_case("nico_afinta"), "Nico Afinta");
        assert_eq!(title_case("ölüm_çok"), "Ölüm Çok");
    }

    #[test]
    fn builtin_rules_label_english_concepts_units_and_dates() {
        let rules = RuleSet::builtin().expect("built-in rules load");
        let l = Labels::from_rules(&rules);
        assert_eq!(l.concept("deaths", Some(12.0)), "deaths");
        assert_eq!(l.concept("deaths", Some(1.0)), "death");
        assert_eq!(l.concept("no_such_thing", None), "no such thing");
        assert!(l.implied_unit("deaths", "person"));
        assert_eq!(l.unit("container").map(|u| u.label.form(Some(2.0))), Some("containers"));
        assert_eq!(l.month(6), Some("Jun"));
        assert_eq!(l.weekday(3), Some("Wed"));
        assert_eq!(l.month(13), None);
        assert_eq!(l.entity("jens_stoltenberg"), Some("Jens Stoltenberg"));
        assert_eq!(l.entity("north_korea"), Some("North Korea"));
        assert_eq!(l.entity("nato"), Some("NATO"));
        assert!(l.zones("id", 420).any(|z| z == "WIB"));
    }
}
