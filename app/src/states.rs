//! Every status, stage, role and kind of Köprü is an enum, on the server and in
//! the browser alike. [`state_enum!`] gives each one the same shape: lower-case
//! names in forms, JSON and the database (sea-orm `DeriveActiveEnum` on the
//! server, so a value the code does not know is a database error in the log and
//! a clean `Internal` to the user, never a silent default), `iter()` over all
//! values and `as_str()`.

/// Declares a state enum. Variants are written in lower case everywhere else.
#[macro_export]
macro_rules! state_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash,
            serde::Serialize, serde::Deserialize,
            strum::EnumIter, strum::IntoStaticStr, strum::EnumString, strum::Display,
        )]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text", rename_all = "lowercase"))]
        #[serde(rename_all = "lowercase")]
        #[strum(serialize_all = "lowercase")]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// The lower-case name used in forms, URLs, JSON and the database.
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// Every value, in declaration order.
            pub fn all() -> impl Iterator<Item = $name> {
                <$name as strum::IntoEnumIterator>::iter()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::state_enum! {
        enum Sample { First, SecondOne }
    }

    #[test]
    fn names_round_trip_in_every_encoding() {
        assert_eq!(Sample::all().collect::<Vec<_>>(), vec![Sample::First, Sample::SecondOne]);
        for s in Sample::all() {
            assert_eq!(s.as_str().parse::<Sample>(), Ok(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.as_str()));
        }
        assert_eq!(Sample::SecondOne.as_str(), "secondone");
        assert!("First".parse::<Sample>().is_err(), "only the lower-case name");
        assert!(serde_json::from_str::<Sample>("\"third\"").is_err());
    }
}
