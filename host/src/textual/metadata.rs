//! Bank denom metadata (`cosmos.bank.v1beta1.Metadata`): what the chain's coin renderer
//! reads to show `10.5 MILK` for `10500000umilk`. The chain reads it from its bank
//! state; the host has no network here, so it ships the entries of the registry it
//! shares with the device (`milkyway_core::chains`: each denom's symbol as the display
//! unit, at its decimals) and reads others from a file (`--denom-metadata`).
//!
//! The document the device signs is only valid on chain when these entries are the
//! chain's: a denom the chain has no metadata for renders as its base amount and denom
//! there. Give the chain's own entries in a file when they differ.

use std::collections::BTreeMap;

use crate::amino_json::Json;

use super::TextualError;

/// One unit of a denom: `exponent` is the power of ten of one unit in base units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DenomUnit {
    pub denom: String,
    pub exponent: u32,
}

/// The fields of a bank `Metadata` the renderer reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Metadata {
    pub base: String,
    pub display: String,
    pub denom_units: Vec<DenomUnit>,
}

impl Metadata {
    /// The metadata of a base denom shown as `display` at `decimals`.
    pub fn simple(base: &str, display: &str, decimals: u32) -> Metadata {
        Metadata {
            base: base.to_owned(),
            display: display.to_owned(),
            denom_units: vec![
                DenomUnit { denom: base.to_owned(), exponent: 0 },
                DenomUnit { denom: display.to_owned(), exponent: decimals },
            ],
        }
    }

    /// Reads one bank `Metadata` JSON object (`denom_units`, `base`, `display`; the
    /// other fields of the type are accepted and not used).
    pub fn from_json(v: &Json) -> Result<Metadata, TextualError> {
        let bad = |what: &str| TextualError::Metadata(format!("bank metadata: {what}"));
        let o = v.as_object().ok_or_else(|| bad("not an object"))?;
        let text = |k: &str| -> Result<String, TextualError> {
            match o.get(k) {
                None | Some(Json::Null) => Ok(String::new()),
                Some(j) => j
                    .as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| bad(&format!("{k} is not a string"))),
            }
        };
        let mut denom_units = Vec::new();
        if let Some(units) = o.get("denom_units").filter(|j| !matches!(j, Json::Null)) {
            for u in units.as_array().ok_or_else(|| bad("denom_units is not an array"))? {
                let uo = u.as_object().ok_or_else(|| bad("a denom unit is not an object"))?;
                let denom = uo
                    .get("denom")
                    .and_then(Json::as_str)
                    .ok_or_else(|| bad("a denom unit has no denom"))?
                    .to_owned();
                let exponent = match uo.get("exponent") {
                    None | Some(Json::Null) => 0,
                    Some(Json::Number(n)) => n.parse().map_err(|_| bad("exponent is not a u32"))?,
                    Some(Json::String(n)) => n.parse().map_err(|_| bad("exponent is not a u32"))?,
                    Some(_) => return Err(bad("exponent is not a number")),
                };
                denom_units.push(DenomUnit { denom, exponent });
            }
        }
        Ok(Metadata { base: text("base")?, display: text("display")?, denom_units })
    }
}

/// Metadata by base denom.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DenomMetadata {
    by_base: BTreeMap<String, Metadata>,
}

impl DenomMetadata {
    /// No metadata: every coin is shown in its base denom.
    pub fn empty() -> Self {
        Self::default()
    }

    /// The registry's entries for the chain `chain_id` (MilkyWay, Osmosis, Celestia):
    /// every asset of that chain with its symbol as display unit. Empty for a chain the
    /// registry does not know.
    pub fn builtin(chain_id: &str) -> Self {
        let mut m = Self::default();
        if let Some(chain) = milkyway_core::chains::CHAINS.iter().find(|c| c.chain_id == chain_id) {
            for a in chain.assets {
                m.insert(Metadata::simple(a.denom, a.symbol, u32::from(a.decimals)));
            }
        }
        m
    }

    /// Adds (or replaces) the entry of `m.base`.
    pub fn insert(&mut self, m: Metadata) {
        self.by_base.insert(m.base.clone(), m);
    }

    /// The entry of a base denom.
    pub fn get(&self, base: &str) -> Option<&Metadata> {
        self.by_base.get(base)
    }

    /// Adds the entries of a JSON document: one bank `Metadata` object, an array of
    /// them, or a node's `/cosmos/bank/v1beta1/denoms_metadata` answer
    /// (`{"metadatas": [...]}`).
    pub fn add_json(&mut self, text: &str) -> Result<(), TextualError> {
        let v = crate::amino_json::parse(text)
            .map_err(|e| TextualError::Metadata(format!("not JSON: {e}")))?;
        let items: Vec<&Json> = match &v {
            Json::Array(a) => a.iter().collect(),
            Json::Object(o) if o.contains_key("metadatas") => o["metadatas"]
                .as_array()
                .ok_or_else(|| TextualError::Metadata("metadatas is not an array".into()))?
                .iter()
                .collect(),
            other => vec![other],
        };
        for item in items {
            let m = Metadata::from_json(item)?;
            if m.base.is_empty() {
                return Err(TextualError::Metadata("bank metadata: no base denom".into()));
            }
            self.insert(m);
        }
        Ok(())
    }

    /// [`DenomMetadata::add_json`] of a file.
    pub fn add_file(&mut self, path: &std::path::Path) -> Result<(), TextualError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| TextualError::Metadata(format!("cannot read {}: {e}", path.display())))?;
        self.add_json(&text).map_err(|e| match e {
            TextualError::Metadata(m) => TextualError::Metadata(format!("{}: {m}", path.display())),
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_milkyway_entries() {
        let m = DenomMetadata::builtin("milkyway");
        let milk = m.get("umilk").expect("umilk");
        assert_eq!(milk.display, "MILK");
        assert_eq!(milk.denom_units[1].exponent, 6);
        assert!(m.get(crate::denoms::MILKTIA_ON_MILKYWAY).is_some());
        assert!(DenomMetadata::builtin("my-chain").get("umilk").is_none());
    }

    #[test]
    fn file_shapes() {
        let one = r#"{"base":"uatom","display":"ATOM","denom_units":[{"denom":"uatom","exponent":0},{"denom":"ATOM","exponent":6,"aliases":[]}],"name":"Atom"}"#;
        for doc in [
            one.to_owned(),
            format!("[{one}]"),
            format!(r#"{{"metadatas":[{one}],"pagination":null}}"#),
        ] {
            let mut m = DenomMetadata::empty();
            m.add_json(&doc).unwrap();
            assert_eq!(m.get("uatom").unwrap().display, "ATOM");
        }
        let mut m = DenomMetadata::empty();
        assert!(m.add_json(r#"{"display":"ATOM"}"#).is_err());
        assert!(m.add_json(r#"{"base":"u","denom_units":[{"exponent":1}]}"#).is_err());
    }
}
