//! The small values of a site's data that are not free text: activity type
//! keys, variant codes, dates. Typed, so one cannot be passed for another.

use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// A name that is a short string shared by many values (an activity type's
/// key in every activity of that type), compared and shown as written.
macro_rules! name_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<str>);

        impl $name {
            pub fn new(s: &str) -> $name {
                $name(Arc::from(s))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }
    };
}

name_type!(
    /// A key of site.toml's `[[activity_types]]` (`donation`): the value
    /// entries use and the URL segment of the type's page.
    ActivityKey
);

name_type!(
    /// A variant's BCP 47 tag as site.toml writes it (`zh-Hant`), for
    /// `lang`, hreflang and picking per-variant text.
    VariantCode
);

/// A calendar date without a time, as TOML writes it: `2020-02-08`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_order_and_print_as_toml_writes_them() {
        let a = Date {
            year: 2020,
            month: 2,
            day: 8,
        };
        let b = Date {
            year: 2020,
            month: 11,
            day: 1,
        };
        assert!(a < b);
        assert_eq!(a.to_string(), "2020-02-08");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"2020-02-08\"");
    }
}
