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

/// Results kept by their tag and input, the oldest replaced first once full.
pub(super) struct Recent<V> {
    entries: Vec<(&'static str, Vec<u8>, V)>,
    next: usize,
}

impl<V: Clone> Recent<V> {
    pub(super) const fn new() -> Recent<V> {
        Recent {
            entries: Vec::new(),
            next: 0,
        }
    }

    /// The result kept for `tag` and `input`, or `make`'s, kept when `input` is small.
    pub(super) fn get_or_make<E>(
        &mut self,
        tag: &'static str,
        input: &[u8],
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E> {
        if let Some((_, _, v)) = self
            .entries
            .iter()
            .find(|(t, kept, _)| *t == tag && kept.as_slice() == input)
        {
            return Ok(v.clone());
        }
        let v = make()?;
        if input.len() <= MAX_INPUT {
            let entry = (tag, input.to_vec(), v.clone());
            if self.entries.len() < CAPACITY {
                self.entries.push(entry);
            } else {
                self.entries[self.next] = entry;
                self.next = (self.next + 1) % CAPACITY;
            }
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
    fn keeps_at_most_its_capacity() {
        let mut recent = Recent::new();
        for i in 0..(CAPACITY * 3) {
            let input = i.to_le_bytes();
            recent
                .get_or_make("n", &input, || Ok::<_, ()>(i))
                .expect("made");
        }
        assert_eq!(recent.entries.len(), CAPACITY);
        // The newest are kept.
        let last = (CAPACITY * 3 - 1).to_le_bytes();
        let got = recent.get_or_make("n", &last, || Err(())).expect("kept");
        assert_eq!(got, CAPACITY * 3 - 1);
    }
}
