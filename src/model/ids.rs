//! Stable, human-readable identifiers for the things a plan talks about.
//!
//! Ids are the model's own truth: graph indices, table rows and canvas positions all map back to
//! them. They are cheap to clone (`Arc<str>`) because scenario states share most of their ids with
//! the baseline, and they order by their text so that every map keyed by them prints sorted.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Wraps an id's text.
            pub fn new(text: impl AsRef<str>) -> Self {
                Self(Arc::from(text.as_ref()))
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
