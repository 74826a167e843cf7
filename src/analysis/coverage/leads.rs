//! The lead bodies of one power in every territory, kept by stretches of territories that
//! share them ([`Leads`]).

use crate::model::BodyId;

/// The lead bodies of one power in each territory (in [`super::Coverage::territories`] order), each
/// territory's sorted: one list of bodies cut by territory, not a list per territory (a
/// province's coverage held half a million small lists, most of them of one body). Territories
/// in a row whose leads are the same (a district's streets that its bureau covers alike) are one
/// stretch with one run of bodies: a province's 1,350 streets then store about one stretch per
/// district and per street with a lead of its own, not one entry per street (an entry for each
/// of 5,000 powers × 1,350 streets was 54 MB of `check`'s 430).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Leads {
    pub(super) bodies: Vec<BodyId>,
    /// The stretches, in territory order.
    pub(super) stretches: Vec<Stretch>,
    /// How many territories.
    pub(super) territories: u32,
}

/// Territories in a row with the same lead bodies: the first of them, and where their bodies
/// start and end in [`Leads::bodies`] (the stretch ends where the next begins).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Stretch {
    first: u32,
    from: u32,
    to: u32,
}

impl Leads {
    /// The lead bodies of the territory at `index`; `None` past the last territory.
    pub fn get(&self, index: usize) -> Option<&[BodyId]> {
        if index >= self.len() {
            return None;
        }
        let k = self
            .stretches
            .partition_point(|s| s.first as usize <= index)
            .checked_sub(1)?;
        Some(self.bodies_of(self.stretches[k]))
    }

    fn bodies_of(&self, stretch: Stretch) -> &[BodyId] {
        &self.bodies[stretch.from as usize..stretch.to as usize]
    }

    /// Each territory's lead bodies, in territory order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            leads: self,
            next: 0,
            stretch: 0,
        }
    }

    /// The lead bodies of each territory of `area`, with its index, in territory order.
    pub fn in_area<'a>(&'a self, area: &'a super::Area) -> InArea<'a> {
        match area.territories_in(0, self.len()) {
            None => InArea::All(self.iter().enumerate()),
            Some(territories) => InArea::Some(self, territories.iter()),
        }
    }

    /// The territories in stretches that share their lead bodies (a district's streets that
    /// its bureau covers alike): each stretch's territory indices and their bodies, in order.
    pub fn stretches(&self) -> impl Iterator<Item = (std::ops::Range<usize>, &[BodyId])> {
        self.stretches.iter().enumerate().map(|(k, &stretch)| {
            let end = self
                .stretches
                .get(k + 1)
                .map_or(self.len(), |next| next.first as usize);
            (stretch.first as usize..end, self.bodies_of(stretch))
        })
    }

    /// How many territories.
    pub fn len(&self) -> usize {
        self.territories as usize
    }

    /// Whether there are no territories.
    pub fn is_empty(&self) -> bool {
        self.territories == 0
    }

    /// Whether no territory has a lead body.
    pub fn none_led(&self) -> bool {
        self.bodies.is_empty()
    }

    /// Adds the next territory with its lead bodies (sorted): it joins the previous territory's
    /// stretch if their bodies are the same, and only a new stretch copies them (most of a
    /// province's 6.75 million (power, territory) pairs join one: no ids are cloned and dropped
    /// for them, which two threads did to the same counters).
    pub(super) fn push_territory(&mut self, here: &[&BodyId]) {
        self.push_run(here, 1);
    }

    /// Adds `count` more territories in a row that all have `here` (sorted) as their leads, as
    /// [`Leads::push_territory`] adds one.
    fn push_run<B: std::borrow::Borrow<BodyId>>(&mut self, here: &[B], count: usize) {
        if count == 0 {
            return;
        }
        // A power has at most a few lead bodies per territory, far below u32::MAX in all.
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let same = self.stretches.last().is_some_and(|&last| {
            let previous = self.bodies_of(last);
            previous.len() == here.len() && previous.iter().zip(here).all(|(a, b)| a == b.borrow())
        });
        if !same {
            let from = self.bodies.len();
            self.bodies.extend(here.iter().map(|b| b.borrow().clone()));
            self.stretches.push(Stretch {
                first: self.territories,
                from: at(from),
                to: at(self.bodies.len()),
            });
        }
        self.territories += at(count);
    }

    /// Puts in the territories of `changed` (indexes, ascending, each with its new lead
    /// bodies, sorted), in place: only the stretches from the one before the first changed
    /// territory to the one after the last are built again, and the rest stay where they are
    /// (those after move by the change in length). An edit in one district rewrites its
    /// streets' stretches, not the power's thousand others.
    pub(super) fn splice(&mut self, changed: &[(u32, Vec<BodyId>)]) {
        let (Some((lo, _)), Some((hi, _))) = (changed.first(), changed.last()) else {
            return;
        };
        let containing = |t: u32| self.stretches.partition_point(|s| s.first <= t).max(1) - 1;
        // One whole stretch on each side that no change reaches: the rebuilt stretches then
        // start and end with bodies unlike their neighbours', as a full build leaves them.
        let first = containing(*lo).saturating_sub(1);
        let past = (containing(*hi) + 2).min(self.stretches.len());
        let Some(&start) = self.stretches.get(first) else {
            return;
        };
        let end_territory = self
            .stretches
            .get(past)
            .map_or(self.territories, |s| s.first);
        let old_to = self.stretches[past - 1].to;
        let mut region = Leads {
            bodies: Vec::new(),
            stretches: Vec::new(),
            territories: start.first,
        };
        let mut next = changed.iter().peekable();
        for k in first..past {
            let stretch = self.stretches[k];
            let end = self
                .stretches
                .get(k + 1)
                .map_or(self.territories, |s| s.first);
            let bodies = self.bodies_of(stretch);
            let mut t = stretch.first;
            while t < end {
                match next.peek() {
                    Some((at, new)) if *at == t => {
                        region.push_run(new, 1);
                        next.next();
                        t += 1;
                    }
                    Some((at, _)) if *at < end => {
                        region.push_run(bodies, (*at - t) as usize);
                        t = *at;
                    }
                    _ => {
                        region.push_run(bodies, (end - t) as usize);
                        t = end;
                    }
                }
            }
        }
        debug_assert_eq!(region.territories, end_territory);
        // The rebuilt bodies take the place of the old ones; the stretches after shift by the
        // difference.
        let new_to = start.from + u32::try_from(region.bodies.len()).unwrap_or(u32::MAX);
        self.bodies
            .splice(start.from as usize..old_to as usize, region.bodies);
        for s in &mut region.stretches {
            s.from += start.from;
            s.to += start.from;
        }
        let shift = |n: u32| n - old_to + new_to;
        for s in &mut self.stretches[past..] {
            s.from = shift(s.from);
            s.to = shift(s.to);
        }
        self.stretches.splice(first..past, region.stretches);
    }
}

/// The lead bodies of the territories of an area ([`Leads::in_area`]): every territory's in
/// turn, or a few looked up.
pub enum InArea<'a> {
    /// Every territory.
    All(std::iter::Enumerate<Iter<'a>>),
    /// Some territories, by index.
    Some(&'a Leads, std::slice::Iter<'a, u32>),
}

/// Each territory's lead bodies in turn ([`Leads::iter`]).
pub struct Iter<'a> {
    leads: &'a Leads,
    /// The next territory.
    next: usize,
    /// The stretch it lies in, or one before.
    stretch: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a [BodyId];

    fn next(&mut self) -> Option<Self::Item> {
        let i = self.next;
        if i >= self.leads.len() {
            return None;
        }
        self.next += 1;
        let stretches = &self.leads.stretches;
        while stretches
            .get(self.stretch + 1)
            .is_some_and(|next| next.first as usize <= i)
        {
            self.stretch += 1;
        }
        Some(
            stretches
                .get(self.stretch)
                .map_or(&[][..], |&stretch| self.leads.bodies_of(stretch)),
        )
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.leads.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Leads {
    type Item = &'a [BodyId];
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> Iterator for InArea<'a> {
    type Item = (usize, &'a [BodyId]);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            InArea::All(all) => all.next(),
            InArea::Some(leads, territories) => {
                let t = *territories.next()? as usize;
                Some((t, leads.get(t)?))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn territories_in_a_row_with_the_same_leads_share_one_stretch() {
        let (a, b) = (BodyId::new("a"), BodyId::new("b"));
        let each: [&[BodyId]; 6] = [
            &[],
            std::slice::from_ref(&a),
            std::slice::from_ref(&a),
            &[a.clone(), b.clone()],
            &[],
            &[],
        ];
        let mut leads = Leads::default();
        for bodies in each {
            leads.push_territory(&bodies.iter().collect::<Vec<_>>());
        }
        assert_eq!(leads.len(), 6);
        assert_eq!(leads.stretches.len(), 4);
        assert_eq!(leads.iter().collect::<Vec<_>>(), each.to_vec());
        for (i, bodies) in each.iter().enumerate() {
            assert_eq!(leads.get(i), Some(*bodies));
        }
        assert_eq!(leads.get(6), None);
        let stretches: Vec<_> = leads
            .stretches()
            .map(|(range, bodies)| (range, bodies.len()))
            .collect();
        assert_eq!(stretches, vec![(0..1, 0), (1..3, 1), (3..4, 2), (4..6, 0)]);
    }

    /// Leads built territory by territory from scratch.
    fn built(each: &[Vec<BodyId>]) -> Leads {
        let mut leads = Leads::default();
        for bodies in each {
            leads.push_territory(&bodies.iter().collect::<Vec<_>>());
        }
        leads
    }

    #[test]
    fn a_splice_in_place_equals_the_leads_built_again() {
        let ids = [BodyId::new("a"), BodyId::new("b"), BodyId::new("c")];
        // Few kinds of leads, so that stretches form, join and split.
        let kinds: [Vec<BodyId>; 4] = [
            vec![],
            vec![ids[0].clone()],
            vec![ids[1].clone()],
            vec![ids[0].clone(), ids[2].clone()],
        ];
        let mut seed = 0x2545_f491_u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from(seed >> 33).unwrap_or(0) % n
        };
        for round in 0..2000 {
            let len = 1 + round % 12;
            // Runs of the same leads, as a district's streets have.
            let mut each: Vec<Vec<BodyId>> = Vec::new();
            while each.len() < len {
                let kind = kinds[next(kinds.len())].clone();
                for _ in 0..=next(4) {
                    each.push(kind.clone());
                }
            }
            each.truncate(len);
            let mut leads = built(&each);
            let mut changed: Vec<(u32, Vec<BodyId>)> = Vec::new();
            for (t, leads) in each.iter_mut().enumerate() {
                if next(3) == 0 {
                    let kind = kinds[next(kinds.len())].clone();
                    *leads = kind.clone();
                    changed.push((u32::try_from(t).unwrap_or(0), kind));
                }
            }
            leads.splice(&changed);
            assert_eq!(leads, built(&each), "round {round}: {changed:?}");
        }
    }
}
