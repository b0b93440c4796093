//! The ZIP container of a .docx, written here so that one deflate state per thread
//! serves every part of every document.
//!
//! The zip crate sets up a new deflate stream for every entry (allocating and clearing
//! its window and hash tables, a few hundred KB): with a dozen parts per document that
//! was ~11 % of a batch's instructions (README, "Measured"). Here each thread keeps one
//! [`Compress`] and resets it between parts, and a part it deflated lately (the fixed
//! parts every document of a template shares) is not deflated again. The bytes are
//! exactly those the zip crate writes for the same entries — deflate (flate2, level 6,
//! raw stream fed all input then finished, as its writer does), ZIP's epoch 1980-01-01
//! 00:00 as the time, a Unix mode of 0644, no extra fields, sizes in the local header, no
//! data descriptor — and a test compares the two byte for byte.

use std::cell::RefCell;
use std::rc::Rc;

use flate2::{Compress, Compression, FlushCompress, Status};

use super::recent::Recent;

/// The deflate level: the zip crate's (and zlib's) default.
const LEVEL: u32 = 6;
/// "Version needed to extract": 2.0, deflate.
const VERSION_NEEDED: u16 = 20;
/// "Version made by": Unix (3) in the high byte, 2.0 in the low byte.
const VERSION_MADE_BY: u16 = (3 << 8) | VERSION_NEEDED;
/// Compression method 8: deflate.
const DEFLATED: u16 = 8;
/// MS-DOS date of 1980-01-01 (day 1, month 1, year 0); the time is 00:00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
/// External attributes: a regular file (0o100000) with mode 0644, in the high 16 bits.
const EXTERNAL_ATTRIBUTES: u32 = (0o100_644) << 16;
/// General-purpose flag bit 11: the name is UTF-8.
const UTF8_NAME: u16 = 1 << 11;

thread_local! {
    /// This thread's deflate state, made on first use and reset for each part, and the
    /// parts it deflated lately (see [`super::recent`]).
    static DEFLATE: RefCell<Deflater> = const {
        RefCell::new(Deflater { state: None, recent: Recent::new() })
    };
}

struct Deflater {
    state: Option<Compress>,
    recent: Recent<Rc<Deflated>>,
}

/// A part deflated: its checksum and its compressed bytes.
struct Deflated {
    crc: u32,
    bytes: Vec<u8>,
}

/// Where an entry's local header starts, and what the central directory repeats of it.
struct Entry<'a> {
    name: &'a str,
    offset: u32,
    crc: u32,
    compressed: u32,
    size: u32,
}

/// The bytes of a ZIP archive holding `entries` (name, contents) in this order.
pub(super) fn write<'a>(
    entries: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Vec<u8>, String> {
    DEFLATE.with(|cell| write_with(&mut cell.borrow_mut(), entries))
}

fn write_with<'a>(
    deflater: &mut Deflater,
    entries: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Vec<u8>, String> {
    let mut out: Vec<u8> = Vec::new();
    let mut written: Vec<Entry<'a>> = Vec::new();
    for (name, data) in entries {
        if written.iter().any(|e| e.name == name) {
            return Err(format!("two parts named {name}"));
        }
        let offset = small(out.len(), name)?;
        let header = out.len();
        local_header(&mut out, name)?;
        let Deflater { state, recent } = deflater;
        let deflated = recent.get_or_make("deflate", data, || {
            let deflate =
                state.get_or_insert_with(|| Compress::new(Compression::new(LEVEL), false));
            deflate.reset();
            let mut bytes = Vec::new();
            compress(deflate, data, &mut bytes).map_err(|e| format!("{name}: {e}"))?;
            Ok::<_, String>(Rc::new(Deflated {
                crc: crc32fast::hash(data),
                bytes,
            }))
        })?;
        out.extend_from_slice(&deflated.bytes);
        let entry = Entry {
            name,
            offset,
            crc: deflated.crc,
            compressed: small(deflated.bytes.len(), name)?,
            size: small(data.len(), name)?,
        };
        // The sizes and checksum go back into the local header, as the zip crate does
        // on a seekable writer.
        out[header + 14..header + 18].copy_from_slice(&entry.crc.to_le_bytes());
        out[header + 18..header + 22].copy_from_slice(&entry.compressed.to_le_bytes());
        out[header + 22..header + 26].copy_from_slice(&entry.size.to_le_bytes());
        written.push(entry);
    }
    let directory = small(out.len(), "the central directory")?;
    for e in &written {
        central_header(&mut out, e)?;
    }
    let directory_size = small(out.len(), "the central directory")? - directory;
    let count = u16::try_from(written.len()).map_err(|_| "too many parts".to_string())?;
    out.extend_from_slice(b"PK\x05\x06");
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // the disk of the central directory
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, directory_size);
    put32(&mut out, directory);
    put16(&mut out, 0); // comment length
    Ok(out)
}

/// Deflates `data` onto the end of `out`: all of the input first, then the finish, the
/// calls flate2's writer makes for the zip crate.
fn compress(deflate: &mut Compress, data: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    let mut rest = data;
    while !rest.is_empty() {
        out.reserve(rest.len() / 2 + 64);
        let (before, length) = (deflate.total_in(), out.len());
        deflate
            .compress_vec(rest, out, FlushCompress::None)
            .map_err(|e| e.to_string())?;
        let used = usize::try_from(deflate.total_in() - before).unwrap_or(usize::MAX);
        if used == 0 && out.len() == length {
            return Err("deflate made no progress".into());
        }
        rest = rest.get(used..).unwrap_or_default();
    }
    loop {
        out.reserve(4096);
        let status = deflate
            .compress_vec(&[], out, FlushCompress::Finish)
            .map_err(|e| e.to_string())?;
        if status == Status::StreamEnd {
            return Ok(());
        }
    }
}

/// A local file header with the checksum and sizes left 0, filled in once known.
fn local_header(out: &mut Vec<u8>, name: &str) -> Result<(), String> {
    out.extend_from_slice(b"PK\x03\x04");
    put16(out, VERSION_NEEDED);
    put16(out, flags(name));
    put16(out, DEFLATED);
    put16(out, 0); // time 00:00:00
    put16(out, DOS_DATE);
    put32(out, 0); // checksum
    put32(out, 0); // compressed size
    put32(out, 0); // size
    put16(out, name_length(name)?);
    put16(out, 0); // extra field length
    out.extend_from_slice(name.as_bytes());
    Ok(())
}

fn central_header(out: &mut Vec<u8>, e: &Entry<'_>) -> Result<(), String> {
    out.extend_from_slice(b"PK\x01\x02");
    put16(out, VERSION_MADE_BY);
    put16(out, VERSION_NEEDED);
    put16(out, flags(e.name));
    put16(out, DEFLATED);
    put16(out, 0);
    put16(out, DOS_DATE);
    put32(out, e.crc);
    put32(out, e.compressed);
    put32(out, e.size);
    put16(out, name_length(e.name)?);
    put16(out, 0); // extra field length
    put16(out, 0); // comment length
    put16(out, 0); // disk number
    put16(out, 0); // internal attributes
    put32(out, EXTERNAL_ATTRIBUTES);
    put32(out, e.offset);
    out.extend_from_slice(e.name.as_bytes());
    Ok(())
}

fn flags(name: &str) -> u16 {
    if name.is_ascii() { 0 } else { UTF8_NAME }
}

fn name_length(name: &str) -> Result<u16, String> {
    u16::try_from(name.len()).map_err(|_| format!("part name too long: {name}"))
}

/// A size or offset that fits the 32 bits of a ZIP without the ZIP64 extension (a
/// .docx is never near 4 GB; the zip crate refuses such an entry too).
fn small(n: usize, what: &str) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| format!("{what}: over 4 GB"))
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use zip::write::SimpleFileOptions;

    use super::*;

    /// What the zip crate writes for the same entries with vanban's former options.
    fn by_zip_crate(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        for (name, bytes) in entries {
            zip.start_file(*name, options).expect("start");
            zip.write_all(bytes).expect("write");
        }
        zip.finish().expect("finish").into_inner()
    }

    /// Text that compresses like XML, and bytes that do not compress (a PNG's).
    fn sample(seed: u32, len: usize, text: bool) -> Vec<u8> {
        let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
        let words: [&[u8]; 6] = [
            b"<w:p>",
            b"<w:r><w:t>",
            b"Ph\xe1\xbb\xa5 l\xe1\xbb\xa5c ",
            b"</w:t></w:r>",
            b"</w:p>",
            b" 2025 ",
        ];
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            if text {
                out.extend_from_slice(words[(x % 6) as usize]);
            } else {
                out.push(x as u8);
            }
        }
        out.truncate(len);
        out
    }

    #[test]
    fn writes_the_bytes_the_zip_crate_writes() {
        let sizes = [0, 1, 100, 5_000, 40_000, 70_000, 300_000];
        let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
        for (i, &len) in sizes.iter().enumerate() {
            entries.push((format!("word/part{i}.xml"), sample(i as u32, len, true)));
            entries.push((format!("word/media/{i}.png"), sample(i as u32, len, false)));
        }
        entries.push(("docProps/tệp.xml".to_string(), sample(99, 2_000, true)));
        let borrowed: Vec<(&str, Vec<u8>)> = entries
            .iter()
            .map(|(n, b)| (n.as_str(), b.clone()))
            .collect();
        let expected = by_zip_crate(&borrowed);
        // Three times on this thread: the second archive reuses the reset deflate state
        // and the small parts deflated for the first; the third, the state after a part
        // was taken from those.
        for _ in 0..3 {
            let ours =
                write(entries.iter().map(|(n, b)| (n.as_str(), b.as_slice()))).expect("writes");
            assert!(ours == expected, "the archives differ");
        }
        let one = [("[Content_Types].xml", b"<Types />".to_vec())];
        let ours = write(one.iter().map(|(n, b)| (*n, b.as_slice()))).expect("writes");
        assert!(ours == by_zip_crate(&one), "a one-part archive differs");
    }

    #[test]
    fn refuses_a_part_named_twice() {
        let parts = [("a.xml", &b"<a />"[..]), ("a.xml", &b"<b />"[..])];
        assert!(write(parts).is_err());
    }
}
