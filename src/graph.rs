//! The petgraph view of a state: jurisdiction, body and power nodes joined by located-in,
//! part-of and holds edges. It is built from the model and kept in step with each change; it is
//! never the source of truth. The model's ids map to graph indices, never the other way round,
//! because `NodeIndex` values are not stable across removals in the file.

use std::collections::BTreeMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use rustc_hash::FxHashMap;

use crate::model::{BodyId, Change, JurisdictionId, PowerId, Role, State};

/// A node: one record of the model.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    /// A jurisdiction.
    Jurisdiction(JurisdictionId),
    /// A body.
    Body(BodyId),
    /// A power.
    Power(PowerId),
}

/// An edge, always from the child or holder to the parent or held.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Edge {
    /// Body → the jurisdiction it sits in.
    LocatedIn,
    /// Jurisdiction → parent jurisdiction, or body → parent body.
    PartOf,
    /// Body → power, with the role.
    Holds(Role),
}

/// The graph of a state.
#[derive(Clone, Debug, Default)]
pub struct PlanGraph {
    graph: StableDiGraph<Node, Edge>,
    index: FxHashMap<Node, NodeIndex>,
}

impl PlanGraph {
    /// Builds the graph of a state.
    pub fn build(state: &State) -> Self {
        let mut g = Self::default();
        // Room for every node and edge at once: a province's million holdings grew the edges
        // by doubling, copying them and clearing fresh pages at each step.
        let bodies = state.bodies().len();
        let nodes = state.jurisdictions().len() + bodies + state.powers().len();
        g.graph.reserve_nodes(nodes);
        g.index.reserve(nodes);
        g.graph
            .reserve_edges(state.jurisdictions().len() + 2 * bodies + state.holding_count());
        for j in state.jurisdictions().values() {
            g.node(Node::Jurisdiction(j.id.clone()));
        }
        for b in state.bodies().values() {
            g.node(Node::Body(b.id.clone()));
        }
        for p in state.powers().keys() {
            g.node(Node::Power(p.clone()));
        }
        for j in state.jurisdictions().values() {
            g.sync_outgoing(state, &Node::Jurisdiction(j.id.clone()));
        }
        // Bodies' own edges, then every holding in one pass by power (a province has hundreds of
        // thousands of holdings: one look-up per power and one per body, not per holding).
        let mut bodies: FxHashMap<&BodyId, NodeIndex> = FxHashMap::default();
        for b in state.bodies().values() {
            let Some(from) = g.index_of(&Node::Body(b.id.clone())) else {
                continue;
            };
            bodies.insert(&b.id, from);
            let mut targets = vec![(Node::Jurisdiction(b.jurisdiction.clone()), Edge::LocatedIn)];
            if let Some(parent) = &b.parent {
                targets.push((Node::Body(parent.clone()), Edge::PartOf));
            }
            for (target, edge) in targets {
                if let Some(to) = g.index_of(&target) {
                    g.graph.add_edge(from, to, edge);
                }
            }
        }
        let mut power: Option<(&PowerId, Option<NodeIndex>)> = None;
        for h in state.holdings() {
            let to = match power {
                Some((p, to)) if p == &h.power => to,
                _ => {
                    let to = g.index_of(&Node::Power(h.power.clone()));
                    power = Some((&h.power, to));
                    to
                }
            };
            if let (Some(from), Some(to)) = (bodies.get(&h.body), to) {
                g.graph.add_edge(*from, to, Edge::Holds(h.role.clone()));
            }
        }
        g
    }

    /// The underlying petgraph.
    pub fn graph(&self) -> &StableDiGraph<Node, Edge> {
        &self.graph
    }

    /// The graph index of a model record.
    pub fn index_of(&self, node: &Node) -> Option<NodeIndex> {
        self.index.get(node).copied()
    }

    fn node(&mut self, node: Node) -> NodeIndex {
        if let Some(&i) = self.index.get(&node) {
            return i;
        }
        let i = self.graph.add_node(node.clone());
        self.index.insert(node, i);
        i
    }

    fn remove_node(&mut self, node: &Node) {
        if let Some(i) = self.index.remove(node) {
            self.graph.remove_node(i);
        }
    }

    /// Makes the holds-edges from each of `bodies` to `power` match the state: found in one
    /// pass over the power's incoming edges (a grant changes a dozen holdings of each of its
    /// powers, each of which has ~1,400 holders at province scale), rather than by re-making all
    /// the bodies' edges (a district department holds thousands of powers). (Looking among each
    /// body's edges when it holds fewer powers than the power has holders was measured no
    /// faster.)
    fn sync_holdings(&mut self, state: &State, power: &PowerId, bodies: &[&BodyId]) {
        let Some(to) = self.index_of(&Node::Power(power.clone())) else {
            return;
        };
        let mut from: Vec<(NodeIndex, &BodyId)> = bodies
            .iter()
            .filter_map(|b| self.index_of(&Node::Body((*b).clone())).map(|i| (i, *b)))
            .collect();
        from.sort_unstable_by_key(|(i, _)| *i);
        from.dedup_by_key(|(i, _)| *i);
        let old: Vec<EdgeIndex> = self
            .graph
            .edges_directed(to, Direction::Incoming)
            .filter(|e| {
                matches!(e.weight(), Edge::Holds(_))
                    && from.binary_search_by_key(&e.source(), |(i, _)| *i).is_ok()
            })
            .map(|e| e.id())
            .collect();
        for e in old {
            self.graph.remove_edge(e);
        }
        for (i, body) in from {
            if let Some(h) = state.holding(power, body) {
                self.graph.add_edge(i, to, Edge::Holds(h.role.clone()));
            }
        }
    }

    /// Rebuilds the outgoing edges of one node from the state.
    fn sync_outgoing(&mut self, state: &State, node: &Node) {
        let Some(from) = self.index_of(node) else {
            return;
        };
        let old: Vec<EdgeIndex> = self
            .graph
            .edges_directed(from, Direction::Outgoing)
            .map(|e| e.id())
            .collect();
        for e in old {
            self.graph.remove_edge(e);
        }
        let mut wanted: Vec<(Node, Edge)> = Vec::new();
        match node {
            Node::Jurisdiction(id) => {
                if let Some(parent) = state.jurisdiction(id).and_then(|j| j.parent.clone()) {
                    wanted.push((Node::Jurisdiction(parent), Edge::PartOf));
                }
            }
            Node::Body(id) => {
                if let Some(body) = state.body(id) {
                    wanted.push((
                        Node::Jurisdiction(body.jurisdiction.clone()),
                        Edge::LocatedIn,
                    ));
                    if let Some(parent) = &body.parent {
                        wanted.push((Node::Body(parent.clone()), Edge::PartOf));
                    }
                }
                for h in state.holdings_of_body(id) {
                    wanted.push((Node::Power(h.power.clone()), Edge::Holds(h.role.clone())));
                }
            }
            Node::Power(_) => {}
        }
        for (target, edge) in wanted {
            if let Some(to) = self.index_of(&target) {
                self.graph.add_edge(from, to, edge);
            }
        }
    }

    /// Brings the graph in step with changes already committed to `state`.
    ///
    /// Only the ids named by the changes matter (each node is re-synced from the final state), so
    /// the same call serves an operation, its undo and its redo.
    pub fn apply(&mut self, state: &State, changes: &[Change]) {
        if changes
            .iter()
            .any(|c| matches!(c, Change::Jurisdiction { .. }))
        {
            // Rare (no operation edits jurisdictions): rebuild rather than track incoming edges.
            *self = Self::build(state);
            return;
        }
        // The holdings changed, by power: each power's edges are looked through once, after the
        // bodies and powers (whose nodes they join) are in place. Each is made to match the
        // state as it is now, so their order does not matter.
        let mut holdings_changed: BTreeMap<&PowerId, Vec<&BodyId>> = BTreeMap::new();
        for change in changes {
            match change {
                Change::Body { id, .. } => {
                    let node = Node::Body(id.clone());
                    if state.body(id).is_some() {
                        self.node(node.clone());
                        self.sync_outgoing(state, &node);
                        // Children point at this body; their edges are re-made if it was new.
                        let children: Vec<BodyId> = state.children_of(id).cloned().collect();
                        for child in children {
                            self.sync_outgoing(state, &Node::Body(child));
                        }
                    } else {
                        self.remove_node(&node);
                    }
                }
                Change::Power { id, .. } => {
                    let node = Node::Power(id.clone());
                    if state.power(id).is_some() {
                        self.node(node);
                        let holders: Vec<BodyId> = state
                            .holdings_of_power(id)
                            .map(|h| h.body.clone())
                            .collect();
                        for body in holders {
                            self.sync_outgoing(state, &Node::Body(body));
                        }
                    } else {
                        self.remove_node(&node);
                    }
                }
                Change::Holding { power, body, .. } => {
                    holdings_changed.entry(power).or_default().push(body);
                }
                Change::Jurisdiction { .. }
                | Change::Barred { .. }
                | Change::BarredIn { .. }
                | Change::Receiver { .. } => {}
            }
        }
        for (power, bodies) in holdings_changed {
            self.sync_holdings(state, power, &bodies);
        }
    }

    /// Every edge as (from, edge, to), sorted: a canonical form for comparing graphs.
    pub fn canonical_edges(&self) -> Vec<(Node, Edge, Node)> {
        let mut edges: Vec<(Node, Edge, Node)> = self
            .graph
            .edge_references()
            .map(|e| {
                (
                    self.graph[e.source()].clone(),
                    e.weight().clone(),
                    self.graph[e.target()].clone(),
                )
            })
            .collect();
        edges.sort();
        edges
    }

    /// Every node, sorted.
    pub fn canonical_nodes(&self) -> Vec<Node> {
        let mut nodes: Vec<Node> = self.graph.node_weights().cloned().collect();
        nodes.sort();
        nodes
    }

    /// The bodies that hold a power in any role, with their roles, sorted by body.
    pub fn holders(&self, power: &PowerId) -> Vec<(BodyId, Role)> {
        let Some(i) = self.index_of(&Node::Power(power.clone())) else {
            return Vec::new();
        };
        let mut holders: Vec<(BodyId, Role)> = self
            .graph
            .edges_directed(i, Direction::Incoming)
            .filter_map(|e| match (&self.graph[e.source()], e.weight()) {
                (Node::Body(b), Edge::Holds(role)) => Some((b.clone(), role.clone())),
                _ => None,
            })
            .collect();
        holders.sort();
        holders
    }

    /// The bodies located directly in a jurisdiction, sorted.
    pub fn bodies_in(&self, jurisdiction: &JurisdictionId) -> Vec<BodyId> {
        let Some(i) = self.index_of(&Node::Jurisdiction(jurisdiction.clone())) else {
            return Vec::new();
        };
        let mut bodies: Vec<BodyId> = self
            .graph
            .edges_directed(i, Direction::Incoming)
            .filter_map(|e| match (&self.graph[e.source()], e.weight()) {
                (Node::Body(b), Edge::LocatedIn) => Some(b.clone()),
                _ => None,
            })
            .collect();
        bodies.sort();
        bodies
    }
}
