//! Document dates for `--order date`: what users, JSON fields and page metadata give
//! (`2024-04-09`, RFC 3339, RFC 2822, `April 9, 2024`), read with `jiff`, and the
//! chronological rank of each document.

use epitome_core::{Document, Warning};
use jiff::civil::{Date, DateTime};
use jiff::fmt::strtime;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Written dates without a time zone that are read as well, tried in order.
const WRITTEN_FORMATS: &[&str] = &["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d"];

/// A date as seconds since the Unix epoch. A date or date-time without an offset is read
/// as UTC: dates order documents, they are never shown converted.
pub fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t.as_second());
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(z.timestamp().as_second());
    }
    let civil = s
        .parse::<DateTime>()
        .ok()
        .or_else(|| {
            s.parse::<Date>()
                .ok()
                .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
        })
        .or_else(|| {
            WRITTEN_FORMATS
                .iter()
                .find_map(|f| strtime::parse(f, s).ok()?.to_date().ok())
                .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
        })?;
    civil
        .to_zoned(TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp().as_second())
}

/// The chronological rank of each document: dated documents first, earliest first; then
/// undated ones. Ties keep the input order. A date that cannot be read gets a
/// [`Warning::UnreadableDate`] and counts as undated.
pub fn chronology(docs: &[Document], warnings: &mut Vec<Warning>) -> Vec<usize> {
    let keys: Vec<Option<i64>> = docs
        .iter()
        .map(|d| {
            let given = d.meta().date.as_deref()?;
            let parsed = parse_date(given);
            if parsed.is_none() {
                warnings.push(Warning::UnreadableDate {
                    doc: d.id().to_string(),
                    date: given.to_string(),
                });
            }
            parsed
        })
        .collect();
    let mut by_date: Vec<usize> = (0..docs.len()).collect();
    by_date.sort_by_key(|&i| (keys[i].is_none(), keys[i], i));
    let mut rank = vec![0; docs.len()];
    for (r, &i) in by_date.iter().enumerate() {
        rank[i] = r;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use epitome_core::DocumentMeta;

    fn doc(id: &str, date: Option<&str>) -> Document {
        Document::from_text(
            DocumentMeta {
                id: id.into(),
                date: date.map(str::to_string),
                ..DocumentMeta::default()
            },
            "Text.",
        )
    }

    #[test]
    fn common_date_forms_are_read() {
        let day = parse_date("2024-04-09").unwrap();
        assert_eq!(day, 1_712_620_800);
        for same_day in ["April 9, 2024", "Apr 9, 2024", "9 April 2024", "2024/04/09"] {
            assert_eq!(parse_date(same_day), Some(day), "{same_day}");
        }
        assert_eq!(parse_date("2024-04-09T10:00:00"), Some(day + 36_000));
        assert_eq!(parse_date("2024-04-09T12:00:00+02:00"), Some(day + 36_000));
        assert_eq!(
            parse_date("Tue, 9 Apr 2024 10:00:00 +0000"),
            Some(day + 36_000)
        );
        for bad in ["", "  ", "yesterday", "2024-13-40", "\u{0}\u{1}"] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dated_documents_come_first_in_date_order_and_bad_dates_warn() {
        let docs = vec![
            doc("late", Some("2024-05-01")),
            doc("none", None),
            doc("bad", Some("soon")),
            doc("early", Some("March 3, 2024")),
            doc("same-as-late", Some("2024-05-01T00:00:00Z")),
        ];
        let mut warnings = Vec::new();
        let rank = chronology(&docs, &mut warnings);
        assert_eq!(rank, vec![1, 3, 4, 0, 2]);
        assert_eq!(
            warnings,
            vec![Warning::UnreadableDate {
                doc: "bad".into(),
                date: "soon".into()
            }]
        );
    }
}
