//! What a thread made lately from small inputs, to give again when the same input comes
//! back: every document of a batch (or of the service) made from one template has the
//! same styles, settings, font table, relationships and content types, byte for byte,
//! and packing them again gives the same bytes again — deflate and the part fixes are
//! pure functions of their input. Only the document body (and core.xml, which carries
//! the title and date) changes from one document to the next.
//!
//! An entry is found by its exact bytes (and a tag saying which function made it), so a
//! kept result is only ever given for the very input it was made from.

/// Inputs longer than this are not kept: the fixed parts of a package are a few KB, a
/// document body is tens of KB and different every time.
pub(super) const MAX_INPUT: usize = 16 * 1024;

/// How many results a thread keeps: a package has a dozen fixed parts, and a thread may
/// alternate between a few templates.
const CAPACITY: usize = 48;

/// Results kept by their tag and input, from the least to the most recently used: once
/// full, the one unused longest goes. A template's fixed parts are used by every document
/// and stay; each document's own core.xml (and a short body) passes through.
pub(super) struct Recent<V> {
    entries: Vec<(&'static str, Vec<u8>, V)>,
}

impl<V: Clone> Recent<V> {
    pub(super) const fn new() -> Recent<V> {
        Recent {
            entries: Vec::new(),
        }
    }

    /// The result kept for `tag` and `input`, or `make`'s, kept when `input` is small.
    pub(super) fn get_or_make<E>(
        &mut self,
        tag: &'static str,
        input: &[u8],
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E> {
        if let Some(i) = self
            .entries
            .iter()
            .position(|(t, kept, _)| *t == tag && kept.as_slice() == input)
        {
            let entry = self.entries.remove(i);
            let v = entry.2.clone();
            self.entries.push(entry);
            return Ok(v);
        }
        let v = make()?;
        if input.len() <= MAX_INPUT {
            if self.entries.len() == CAPACITY {
                self.entries.remove(0);
            }
            self.entries.push((tag, input.to_vec(), v.clone()));
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_a_kept_result_only_for_the_same_tag_and_bytes() {
        let mut recent = Recent::new();
        let mut made = 0;
        let mut get = |tag, input: &[u8]| {
            recent
                .get_or_make(tag, input, || {
                    made += 1;
                    Ok::<_, ()>(format!("{tag}:{}", input.len()))
                })
                .expect("made")
        };
        assert_eq!(get("a", b"xyz"), "a:3");
        assert_eq!(get("a", b"xyz"), "a:3");
        assert_eq!(get("b", b"xyz"), "b:3");
        assert_eq!(get("a", b"xy"), "a:2");
        let big = vec![0u8; MAX_INPUT + 1];
        get("a", &big);
        get("a", &big);
        assert_eq!(
            made, 5,
            "the repeated small input was made once, the big one twice"
        );
    }

    #[test]
    fn keeps_what_is_used_and_at_most_its_capacity() {
        let mut recent = Recent::new();
        let mut get = |input: usize| {
            recent
                .get_or_make("n", &input.to_le_bytes(), || Ok::<_, ()>((input, true)))
                .expect("made")
                .1
        };
        assert!(get(0), "made the first time");
        // Many different inputs pass through while 0 is used now and then.
        for i in 1..(CAPACITY * 3) {
            get(i);
            if i % 10 == 0 {
                get(0);
            }
        }
        assert_eq!(recent.entries.len(), CAPACITY);
        let kept = |recent: &mut Recent<(usize, bool)>, input: usize| {
            recent
                .get_or_make("n", &input.to_le_bytes(), || Err(()))
                .is_ok()
        };
        assert!(kept(&mut recent, 0), "the input used all along is kept");
        assert!(kept(&mut recent, CAPACITY * 3 - 1), "the newest is kept");
        assert!(!kept(&mut recent, 1), "the oldest unused one is gone");
    }
}
