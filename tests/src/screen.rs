//! What the device shows: the text Speculos read off the display.

use std::fmt;

/// One piece of text Speculos saw on the display, with its box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextLine {
    pub text: String,
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
}

/// The text of one screen, in the order it was drawn (Speculos' `/events?currentscreenonly`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Screen {
    pub lines: Vec<TextLine>,
}

impl Screen {
    /// Parses the JSON body of `GET /events` (`{"events": [{"text", "x", "y", "w", "h", "clear"}]}`).
    pub fn from_events_json(body: &str) -> Result<Screen, String> {
        let v: serde_json::Value =
            serde_json::from_str(body).map_err(|e| format!("bad /events JSON: {e}: {body}"))?;
        let events = v
            .get("events")
            .and_then(|e| e.as_array())
            .ok_or_else(|| format!("no \"events\" array in {body}"))?;
        let mut lines = Vec::new();
        for e in events {
            let num = |k: &str| e.get(k).and_then(|n| n.as_i64()).unwrap_or(0);
            let text = e.get("text").and_then(|t| t.as_str()).unwrap_or("");
            if text.is_empty() {
                continue;
            }
            lines.push(TextLine {
                text: text.to_string(),
                x: num("x"),
                y: num("y"),
                w: num("w"),
                h: num("h"),
            });
        }
        Ok(Screen { lines })
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The lines, trimmed, one per line: the form kept in golden snapshots and printed by the demo.
    pub fn text(&self) -> String {
        self.lines.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join("\n")
    }

    /// The screen on one line, lines separated by " | " (for logs).
    pub fn one_line(&self) -> String {
        self.lines.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" | ")
    }

    /// Whether `needle` appears on the screen. Text wrapped over several lines matches too:
    /// the Nanos break lines between words and keep the space ("Verify MilkyWay " + "address"),
    /// the touch screens break inside words ("a long memo tha" + "t spans"), so the lines are
    /// also tried glued together, and glued with single spaces.
    pub fn contains(&self, needle: &str) -> bool {
        if self.lines.iter().any(|l| l.text.contains(needle)) {
            return true;
        }
        let glued: String = self.lines.iter().map(|l| l.text.as_str()).collect();
        if glued.contains(needle) {
            return true;
        }
        let spaced = self.lines.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" ");
        spaced.contains(needle)
    }

    /// Whether any of `needles` appears (see [`Screen::contains`]).
    pub fn contains_any(&self, needles: &[&str]) -> bool {
        needles.iter().any(|n| self.contains(n))
    }

    /// The first line whose trimmed text starts with `prefix`.
    pub fn line_starting_with(&self, prefix: &str) -> Option<&TextLine> {
        self.lines.iter().find(|l| l.text.trim_start().starts_with(prefix))
    }
}

impl fmt::Display for Screen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

#[cfg(test)]
impl Screen {
    /// A screen holding these text lines (positions zero), for unit tests.
    pub(crate) fn from_texts(texts: &[&str]) -> Screen {
        Screen {
            lines: texts
                .iter()
                .map(|t| TextLine { text: t.to_string(), x: 0, y: 0, w: 0, h: 0 })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(texts: &[&str]) -> Screen {
        Screen::from_texts(texts)
    }

    #[test]
    fn parses_speculos_events() {
        let body = r#"{"events": [{"text": "MilkyWay", "x": 35, "y": 26, "w": 58, "h": 14, "clear": false},
            {"text": "", "x": 0, "y": 0, "w": 0, "h": 0, "clear": true},
            {"text": "app is ready", "x": 32, "y": 42, "w": 63, "h": 14, "clear": false}]}"#;
        let s = Screen::from_events_json(body).unwrap();
        assert_eq!(s.text(), "MilkyWay\napp is ready");
        assert_eq!(s.lines[0].x, 35);
        assert!(Screen::from_events_json("{}").is_err());
        assert!(Screen::from_events_json("not json").is_err());
    }

    #[test]
    fn contains_across_wrapped_lines() {
        let nano = screen(&["Verify MilkyWay ", "address"]);
        assert!(nano.contains("Verify MilkyWay address"));
        let touch = screen(&["Memo", "a rather long memo tha", "t spans more"]);
        assert!(touch.contains("memo that spans"));
        let fields = screen(&["Address", "milk1abc"]);
        assert!(fields.contains("Address milk1abc"));
        assert!(!fields.contains("Sign transaction"));
        assert!(fields.contains_any(&["nope", "milk1"]));
        assert_eq!(fields.one_line(), "Address | milk1abc");
    }
}
