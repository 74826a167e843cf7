//! Stable, human-readable identifiers for the things a plan talks about.
//!
//! Ids are the model's own truth: graph indices, table rows and canvas positions all map back to
//! them. They are cheap to clone (a reference-counted string) because scenario states share most
//! of their ids with the baseline, and they order by their text so that every map keyed by them
//! prints sorted.
//!
//! The string is an [`arcstr::ArcStr`]: one pointer (its length sits beside the text), where an
//! `Arc<str>` is two. A province's holdings, sets of powers, leads and findings hold millions of
//! ids, and the memory they take is time on a machine that clears each fresh page (issues 14 and
//! 15). Equal ids that share their string compare without reading it.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(arcstr::ArcStr);

        impl $name {
            /// Wraps an id's text.
            pub fn new(text: impl AsRef<str>) -> Self {
                Self(arcstr::ArcStr::from(text.as_ref()))
            }

            /// The id's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), &*self.0)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::new(text)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// A jurisdiction (辖区): `city`, `district-a`, a street.
    JurisdictionId
);
id_type!(
    /// A body (机构、单位): a department, an institution, a bureau or a contracted company.
    BodyId
);
id_type!(
    /// A power (事项、职权); its text is the power's code (事项编码).
    PowerId
);
id_type!(
    /// A scenario (方案) of a plan.
    ScenarioId
);
