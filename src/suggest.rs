//! "Did you mean …?": the one rule for suggesting a known name for a misspelt one (a
//! field, a column, a helper), so every message suggests alike.

/// The known name closest to `wanted`, if it is close enough to be a likely typo: at most
/// a third of its letters (and at least two) differ. `wanted` itself is never suggested.
pub fn nearest<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> Option<String> {
    let limit = (wanted.chars().count() / 3).max(2);
    known
        .filter(|k| *k != wanted)
        .map(|k| (strsim::levenshtein(wanted, k), k))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, k)| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_only_and_never_the_same() {
        let known = ["ten_tinh", "dan_so", "ma"];
        assert_eq!(
            nearest("ten_tnh", known.iter().copied()),
            Some("ten_tinh".into())
        );
        assert_eq!(nearest("khac_han", known.iter().copied()), None);
        assert_eq!(nearest("ma", known.iter().copied()), None);
    }
}
