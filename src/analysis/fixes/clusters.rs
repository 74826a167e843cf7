//! Overlap clusters: bodies that overlap on powers (多头执法) form connected components of a
//! graph whose nodes are bodies and whose edges join two bodies that lead one (power, territory)
//! together. Each component is what one reform settles at once: 相对集中, "concentrate these N
//! items of these M bodies into one bureau". [`concentration_fix`] builds that fix: it creates
//! the bureau (an administrative organ with civil-service slots, so that it may receive the
//! concentration, 行政处罚法 第18条) and concentrates every overlapped item of the component into
//! it, as one step that undoes as one.
//!
//! The graph is petgraph's: an undirected graph of the overlapping bodies, its components found
//! with petgraph's union-find. It is built on demand from the coverage's overlap findings
//! (linear in them) when a fix is asked for, not kept: nothing else reads it.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;

use super::super::coverage::Coverage;
use super::super::finding::FindingKind;
use super::Fix;
use crate::model::{
    Body, BodyId, BodyKind, JurisdictionId, Level, PowerId, Staffing, Standing, State,
};
use crate::plan::{Operation, TransferMode};

/// One connected component of overlapping bodies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// The bodies, sorted.
    pub bodies: BTreeSet<BodyId>,
    /// The overlapped (power, territory) pairs among them, sorted, with the bodies that lead
    /// each.
    pub overlaps: BTreeMap<(PowerId, JurisdictionId), Vec<BodyId>>,
}

impl Cluster {
    /// The overlapped powers, sorted.
    pub fn powers(&self) -> BTreeSet<&PowerId> {
        self.overlaps.keys().map(|(p, _)| p).collect()
    }
}

/// Every cluster of overlapping bodies, largest first (then by their first body).
pub fn clusters(coverage: &Coverage) -> Vec<Cluster> {
    let overlaps: Vec<_> = coverage
        .findings()
        .filter(|f| f.kind == FindingKind::Overlap && f.bodies.len() >= 2)
        .filter_map(|f| Some(((f.power.clone()?, f.jurisdiction.clone()?), &f.bodies)))
        .collect();
    // The graph: a node per overlapping body, an edge per pair that leads a pair together.
    let mut graph: UnGraph<&BodyId, ()> = UnGraph::new_undirected();
    let mut nodes: BTreeMap<&BodyId, NodeIndex> = BTreeMap::new();
    for (_, bodies) in &overlaps {
        let at: Vec<NodeIndex> = bodies
            .iter()
            .map(|b| *nodes.entry(b).or_insert_with(|| graph.add_node(b)))
            .collect();
        if let Some((first, others)) = at.split_first() {
            for other in others {
                graph.update_edge(*first, *other, ());
            }
        }
    }
    let mut sets = UnionFind::new(graph.node_count());
    for edge in graph.edge_references() {
        sets.union(edge.source().index(), edge.target().index());
    }
    let mut by_root: BTreeMap<usize, Cluster> = BTreeMap::new();
    for (key, bodies) in overlaps {
        let Some(first) = bodies.first().and_then(|b| nodes.get(b)) else {
            continue;
        };
        let cluster = by_root
            .entry(sets.find(first.index()))
            .or_insert_with(|| Cluster {
                bodies: BTreeSet::new(),
                overlaps: BTreeMap::new(),
            });
        cluster.bodies.extend(bodies.iter().cloned());
        cluster.overlaps.insert(key, bodies.clone());
    }
    let mut all: Vec<Cluster> = by_root.into_values().collect();
    all.sort_by(|a, b| {
        b.bodies
            .len()
            .cmp(&a.bodies.len())
            .then_with(|| a.bodies.first().cmp(&b.bodies.first()))
    });
    all
}

/// The cluster that a body belongs to, if it overlaps anywhere.
pub fn cluster_of(coverage: &Coverage, body: &BodyId) -> Option<Cluster> {
    clusters(coverage)
        .into_iter()
        .find(|c| c.bodies.contains(body))
}

/// The fix that concentrates a cluster's overlapped items into one new bureau: where every
/// overlap lies in one district, a bureau of that district (it covers only there); otherwise a
/// city bureau, which takes each item where its sources led it (a transfer carries the
/// territory), so no district gains a lead it did not have. `None` when the cluster cannot be
/// concentrated (a body left, or a power is not held as counted).
pub fn concentration_fix(state: &State, cluster: &Cluster) -> Option<Fix> {
    let districts: BTreeSet<&JurisdictionId> = cluster.overlaps.keys().map(|(_, d)| d).collect();
    let city = state
        .jurisdictions()
        .values()
        .find(|j| j.level == Level::City)?
        .id
        .clone();
    let home = match districts.iter().next() {
        Some(d) if districts.len() == 1 && state.jurisdiction(d)?.level == Level::District => {
            (*d).clone()
        }
        _ => city,
    };
    let home_name = state.jurisdiction(&home)?.name.clone();
    let bureau = Body {
        id: unused_id(state, &format!("{home}-zhzf")),
        name: format!("{home_name}综合行政执法局"),
        kind: BodyKind::Enforcement,
        jurisdiction: home.clone(),
        parent: None,
        tags: BTreeSet::new(),
        // An organ with 行政编制: slots are for the planner to move in (调剂编制).
        staffing: Staffing::default(),
        budget_wan: 0,
        standing: Some(Standing::Organ),
        supervisor: None,
    };
    let mut operations = vec![Operation::CreateBody {
        body: bureau.clone(),
    }];
    let powers = cluster.powers();
    let mut sources: BTreeSet<&BodyId> = BTreeSet::new();
    for power in &powers {
        // Every lead of the power among the cluster's bodies in the overlapped territories.
        let leads: BTreeSet<&BodyId> = cluster
            .overlaps
            .iter()
            .filter(|((p, _), _)| p == *power)
            .flat_map(|(_, bodies)| bodies)
            .collect();
        for body in &leads {
            state.holding(power, body).filter(|h| h.role.is_lead())?;
            operations.push(Operation::TransferPower {
                power: (*power).clone(),
                from: (*body).clone(),
                to: bureau.id.clone(),
                mode: TransferMode::Concentrate,
                approval: None,
            });
            sources.insert(body);
        }
    }
    let names: Vec<&str> = sources
        .iter()
        .filter_map(|b| state.body(b).map(|b| b.name.as_str()))
        .collect();
    Some(Fix {
        zh: format!(
            "新设 {}（行政机关），将 {} 个机构的 {} 项重叠事项相对集中至该局：{}",
            bureau.name,
            names.len(),
            powers.len(),
            names.join("、")
        ),
        en: format!(
            "create {} (an administrative organ) and concentrate the {} overlapping items of {} bodies into it: {}",
            bureau.name,
            powers.len(),
            names.len(),
            names.join(", ")
        ),
        operations,
    })
}

/// `base`, or `base-2`, `base-3` … whichever no body has.
fn unused_id(state: &State, base: &str) -> BodyId {
    let mut id = BodyId::new(base);
    let mut n = 2;
    while state.body(&id).is_some() {
        id = BodyId::new(format!("{base}-{n}"));
        n += 1;
    }
    id
}
