//! `vanban import`: Word documents in, template folders out, rendered again and read back.
//!
//! The round trip takes every built-in template found under `templates/`, makes its
//! documents the way users do (render, batch for per-row templates, `register print` for
//! the register book), imports each DOCX, renders the imported template from the sample
//! workbook it made, and compares the words of the two DOCX files and the two PDFs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

use common::*;

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

/// Makes the documents of one built-in family into `out` (PDF + DOCX), as a user would.
fn make_family(family: &str, work: &Path) -> PathBuf {
    let out = work.join(format!("orig-{family}"));
    let t = root().join("templates").join(family);
    let s = |name: &str| root().join("samples").join(name);
    let render = |data: PathBuf| {
        let o = vanban(&[
            "render",
            t.to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{family}: {}", stderr(&o));
    };
    let batch = |data: PathBuf, rows: &str| {
        let file = work.join(format!("{family}.toml"));
        std::fs::write(
            &file,
            format!(
                "output = \"{}\"\n\n[[job]]\nname = \"j\"\ntemplate = \"{}\"\nworkbook = \"{}\"\nrows = \"{rows}\"\n",
                out.display(),
                t.display(),
                data.display()
            ),
        )
        .unwrap();
        let o = vanban(&["batch", file.to_str().unwrap()]);
        assert!(o.status.success(), "{family}: {}", stderr(&o));
    };
    match family {
        "bao-cao-thang" => render(s("bao-cao-thang.xlsx")),
        "bao-cao-dinh-ky" => render(s("bao-cao-dinh-ky-quy.xlsx")),
        "du-thao-thong-tu" | "bang-so-sanh" => render(s("du-thao-thong-tu.xlsx")),
        "bao-cao-tinh" => batch(s("bao-cao-thang.xlsx"), "Tỉnh thành"),
        "bien-ban-kiem-tra" => batch(s("bien-ban-kiem-tra.xlsx"), "Đề án"),
        "so-dang-ky-van-ban-di" => {
            let reg = work.join("so-di.sqlite");
            let reg = reg.to_str().unwrap();
            let ok = |o: std::process::Output| assert!(o.status.success(), "{}", stderr(&o));
            ok(vanban(&[
                "register",
                "init",
                reg,
                "--agency",
                "CNĐP",
                "--name",
                "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG",
                "--parent",
                "BỘ CÔNG THƯƠNG",
            ]));
            for (date, summary) in [
                ("2025-03-05", "Tình hình quý I"),
                ("2025-11-05", "Tình hình tháng 10"),
            ] {
                ok(vanban(&[
                    "register",
                    "take",
                    reg,
                    "--type",
                    "Báo cáo",
                    "--symbol",
                    "BC-CNĐP",
                    "--date",
                    date,
                    "--summary",
                    summary,
                    "--signer",
                    "Nguyễn Văn A",
                    "--recipients",
                    "Bộ trưởng",
                    "--archive",
                    "VT, CNĐP",
                ]));
            }
            ok(vanban(&[
                "register",
                "print",
                reg,
                "--year",
                "2025",
                "-o",
                out.to_str().unwrap(),
            ]));
        }
        // A single-document family with its own sample workbook (`vanban new` starting points).
        other if s(&format!("{other}.xlsx")).is_file() => render(s(&format!("{other}.xlsx"))),
        other => panic!(
            "the round-trip test does not know how to make the built-in family {other}: add it to make_family"
        ),
    }
    out
}

/// What the round trip cannot give back, by family: the bar chart of a periodic report is
/// drawn from the data (the DOCX has it as an image, which an import cannot turn back into
/// data), and the comparison table's tracked deletions are Word revisions (the import
/// keeps the text as it reads with the changes accepted). For these the PDF letters of the
/// round trip must all come from the original (at least 80% of them are kept); in the
/// DOCX, the same words in the same order.
fn pdf_may_lose_words(family: &str) -> bool {
    matches!(family, "bao-cao-dinh-ky" | "bang-so-sanh")
}

#[test]
fn every_built_in_template_survives_a_round_trip() {
    let work = tempdir();
    let mut families: Vec<String> = std::fs::read_dir(root().join("templates"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("template.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    families.sort();
    assert!(families.len() >= 7, "{families:?}");
    let mut checked = 0;
    for family in &families {
        let orig = make_family(family, work.path());
        let docs = files_with(&orig, "docx");
        assert!(!docs.is_empty(), "{family}: no DOCX made");
        // Per-row families: two of their documents are enough.
        for docx in docs.iter().take(2) {
            let stem = docx.file_stem().unwrap().to_string_lossy().into_owned();
            let tpl = work.path().join(format!("tpl-{family}-{stem}"));
            let o = vanban(&[
                "import",
                docx.to_str().unwrap(),
                "-o",
                tpl.to_str().unwrap(),
            ]);
            assert!(o.status.success(), "{family}/{stem}: {}", stderr(&o));
            let again = work.path().join(format!("again-{family}-{stem}"));
            let sample = tpl.join("du-lieu-mau.xlsx");
            let o = vanban(&[
                "render",
                tpl.to_str().unwrap(),
                "--data",
                sample.to_str().unwrap(),
                "-o",
                again.to_str().unwrap(),
            ]);
            assert!(
                o.status.success(),
                "{family}/{stem}: the imported template does not render: {}\n{}",
                stderr(&o),
                std::fs::read_to_string(tpl.join("template.toml")).unwrap()
            );
            // The imported template is clean for `check` too.
            let o = vanban(&[
                "check",
                tpl.to_str().unwrap(),
                "--data",
                sample.to_str().unwrap(),
            ]);
            assert!(
                o.status.success(),
                "{family}/{stem}: check: {}{}",
                String::from_utf8_lossy(&o.stdout),
                stderr(&o)
            );
            let new_docx = &files_with(&again, "docx")[0];
            assert_eq!(
                words(&docx_text(docx)),
                words(&docx_text(new_docx)),
                "{family}/{stem}: the DOCX words differ"
            );
            let old_pdf = docx.with_extension("pdf");
            let new_pdf = &files_with(&again, "pdf")[0];
            if let (Some(a), Some(b)) = (pdf_text(&old_pdf), pdf_text(new_pdf)) {
                let (a, b) = (words(&a), words(&b));
                if pdf_may_lose_words(family) {
                    // Table cells re-wrap when text is gone, and pdftotext then splits
                    // words at other places: compare the letters, not the words.
                    let mut have: HashMap<char, i64> = HashMap::new();
                    let letters =
                        |w: &[String]| -> Vec<char> { w.iter().flat_map(|w| w.chars()).collect() };
                    let (la, lb) = (letters(&a), letters(&b));
                    for c in &la {
                        *have.entry(*c).or_default() += 1;
                    }
                    for c in &lb {
                        let n = have.entry(*c).or_default();
                        *n -= 1;
                        assert!(*n >= 0, "{family}/{stem}: the PDF gained the letter {c:?}");
                    }
                    assert!(
                        lb.len() * 10 >= la.len() * 8,
                        "{family}/{stem}: lost too much"
                    );
                } else {
                    assert_eq!(a, b, "{family}/{stem}: the PDF words differ");
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= families.len());
}

/// Whether python-docx can be used (required under CI; `.ci/run` installs it).
fn python_docx() -> bool {
    if !tool("python3") {
        return false;
    }
    let ok = Command::new("python3")
        .args(["-c", "import docx"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "python-docx is required under CI (.ci/run installs it)"
        );
        eprintln!("note: python-docx is not installed; skipping");
    }
    ok
}

/// A Decree 30 công văn written by python-docx the way Word writes one: a header table,
/// `{{fields}}` split across runs, MERGEFIELDs (simple and complex), a table whose row
/// holds fields, an image and a comment.
const MAKE_DOCX: &str = r#"
import sys, struct, zlib
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.enum.text import WD_ALIGN_PARAGRAPH as A

d = Document()
t = d.add_table(rows=2, cols=2)
t.cell(0, 0).text = "BỘ CÔNG THƯƠNG"
t.cell(0, 0).add_paragraph("CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG")
t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
t.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
t.cell(1, 0).text = "Số: 12/CNĐP-KC"
t.cell(1, 0).add_paragraph("V/v báo cáo tình hình khuyến công")
t.cell(1, 1).text = "Hà Nội, ngày 05 tháng 3 năm 2025"

p = d.add_paragraph("Kính gửi: Sở Công Thương các tỉnh, thành phố.")
p.alignment = A.CENTER

# {{ten_don_vi}} split over three runs, as Word does after an edit.
p = d.add_paragraph()
p.alignment = A.JUSTIFY
p.add_run("Cục đề nghị {{ten_")
r = p.add_run("don_")
r.bold = False
p.add_run("vi}} báo cáo trước ngày ")
# A simple MERGEFIELD.
p._p.append(parse_xml('<w:fldSimple %s w:instr=" MERGEFIELD han_bao_cao \\* MERGEFORMAT "><w:r><w:t>«han_bao_cao»</w:t></w:r></w:fldSimple>' % nsdecls('w')))
p.add_run(" và ghi rõ ")
# A complex MERGEFIELD over several runs.
for xml in ['<w:r %s><w:fldChar w:fldCharType="begin"/></w:r>',
            '<w:r %s><w:instrText xml:space="preserve"> MERGEFIELD </w:instrText></w:r>',
            '<w:r %s><w:instrText xml:space="preserve">nguoi_lien_he </w:instrText></w:r>',
            '<w:r %s><w:fldChar w:fldCharType="separate"/></w:r>',
            '<w:r %s><w:t>«nguoi_lien_he»</w:t></w:r>',
            '<w:r %s><w:fldChar w:fldCharType="end"/></w:r>']:
    p._p.append(parse_xml(xml % nsdecls('w')))
p.add_run(".")
# A field vanban does not know: its shown text is kept, with a notice.
p._p.append(parse_xml('<w:fldSimple %s w:instr=" DATE \\@ &quot;dd/MM/yyyy&quot; "><w:r><w:t> (05/03/2025)</w:t></w:r></w:fldSimple>' % nsdecls('w')))
from docx.shared import Pt
for r in p.runs:
    r.font.size = Pt(13)

h = d.add_paragraph()
h.add_run("I. NỘI DUNG BÁO CÁO").bold = True
c = d.add_paragraph()
c.add_run("Số liệu theo biểu dưới đây, ").italic = True
c.add_run("đúng hạn")
d.add_comment(c.runs[1], text="Xem lại hạn", author="Lan")

tb = d.add_table(rows=2, cols=3)
for i, s in enumerate(["STT", "Tỉnh", "Số cơ sở"]):
    tb.cell(0, i).text = s
tb.rows[0]._tr.get_or_add_trPr().append(parse_xml('<w:tblHeader %s/>' % nsdecls('w')))
tb.cell(1, 0).text = "{{stt}}"
tb.cell(1, 1).text = "{{ten_tinh}}"
tb.cell(1, 2).text = "{{so_co_so}}"

def png():
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    def chunk(k, data):
        return struct.pack(">I", len(data)) + k + data + struct.pack(">I", zlib.crc32(k + data) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[2], "wb").write(png())
d.add_picture(sys.argv[2])

e = d.add_table(rows=1, cols=2)
e.cell(0, 0).text = "Nơi nhận:"
e.cell(0, 0).add_paragraph("- Như trên;")
e.cell(0, 0).add_paragraph("- Lưu: VT, KC.")
e.cell(0, 1).text = "KT. CỤC TRƯỞNG"
e.cell(0, 1).add_paragraph("PHÓ CỤC TRƯỞNG")
e.cell(0, 1).add_paragraph("")
e.cell(0, 1).add_paragraph("Trần Văn Thắng")
d.save(sys.argv[1])
"#;

#[test]
fn a_word_document_with_split_runs_merge_fields_an_image_and_a_comment() {
    if !python_docx() {
        return;
    }
    let dir = tempdir();
    let docx = dir.path().join("cong-van.docx");
    let o = Command::new("python3")
        .args(["-c", MAKE_DOCX])
        .arg(&docx)
        .arg(dir.path().join("dot.png"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let tpl = dir.path().join("mau");
    let o = vanban(&[
        "import",
        docx.to_str().unwrap(),
        "-o",
        tpl.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("an image"), "{err}");
    assert!(err.contains("comment"), "{err}");
    assert!(err.contains("a Word field it does not know: DATE"), "{err}");
    // Where: the picture is in the paragraph after the table.
    assert!(err.contains("note: paragraph"), "{err}");

    let toml = std::fs::read_to_string(tpl.join("template.toml")).unwrap();
    assert!(
        toml.contains("summary = \"V/v báo cáo tình hình khuyến công\""),
        "{toml}"
    );
    assert!(toml.contains("doc_type = \"\""), "{toml}");
    // The body is in 13 pt: Decree 30's smaller size set.
    assert!(toml.contains("sizes = \"12/13/13\""), "{toml}");
    assert!(toml.contains("authority = \"KT.\""), "{toml}");
    assert!(toml.contains("head = \"CỤC TRƯỞNG\""), "{toml}");
    assert!(toml.contains("[data.bang_2]"), "{toml}");
    let body = std::fs::read_to_string(tpl.join("body.md.hbs")).unwrap();
    assert!(body.contains("{{meta.ten_don_vi}}"), "{body}");
    assert!(body.contains("{{meta.han_bao_cao}}"), "{body}");
    assert!(body.contains("{{meta.nguoi_lien_he}}"), "{body}");
    assert!(body.contains("## I. NỘI DUNG BÁO CÁO"), "{body}");
    assert!(body.contains("{{#each bang_2}}"), "{body}");
    assert!(!body.contains("«"), "Word's previews are not text: {body}");

    // The sample workbook lists the fields; the template renders from it.
    let fields = vanban(&["fields", tpl.join("du-lieu-mau.xlsx").to_str().unwrap()]);
    let listed = String::from_utf8_lossy(&fields.stdout);
    for key in [
        "so",
        "ky_hieu",
        "ten_don_vi",
        "han_bao_cao",
        "nguoi_lien_he",
        "ten_tinh",
    ] {
        assert!(listed.contains(key), "{key}: {listed}");
    }
    let out = dir.path().join("out");
    let o = render_own_sample(&tpl, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = docx_text(&files_with(&out, "docx")[0]);
    let flat = words(&text).join(" ");
    for expected in [
        "Số: 12/CNĐP-KC",
        "V/v báo cáo tình hình khuyến công",
        "Hà Nội, ngày 05 tháng 3 năm 2025",
        "Kính gửi: Sở Công Thương các tỉnh, thành phố",
        "Cục đề nghị [ten_don_vi] báo cáo trước ngày [han_bao_cao] và ghi rõ [nguoi_lien_he]. (05/03/2025)",
        "[ten_tinh] 1",
        "[ten_tinh] 2",
        "KT. CỤC TRƯỞNG PHÓ CỤC TRƯỞNG",
        "Trần Văn Thắng",
    ] {
        assert!(flat.contains(expected), "{expected:?} in {flat}");
    }
}

#[test]
fn old_word_files_broken_files_and_full_folders() {
    let dir = tempdir();
    // A binary .doc: how to convert it.
    let doc = dir.path().join("cu.doc");
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend([0u8; 504]);
    std::fs::write(&doc, &bytes).unwrap();
    let o = vanban(&[
        "import",
        doc.to_str().unwrap(),
        "-o",
        dir.path().join("a").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("soffice --headless --convert-to docx"),
        "{}",
        stderr(&o)
    );
    let o = vanban(&[
        "--lang",
        "vi",
        "import",
        doc.to_str().unwrap(),
        "-o",
        dir.path().join("a").to_str().unwrap(),
    ]);
    assert!(stderr(&o).contains("tệp Word cũ"), "{}", stderr(&o));
    assert!(!dir.path().join("a").exists());

    // Not a DOCX at all: named, no panic.
    let bad = dir.path().join("hong.docx");
    std::fs::write(&bad, b"PK\x03\x04 not really").unwrap();
    let o = vanban(&[
        "import",
        bad.to_str().unwrap(),
        "-o",
        dir.path().join("b").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("hong.docx"), "{}", stderr(&o));

    // A non-empty folder is kept unless --force.
    let orig = make_family("bao-cao-thang", dir.path());
    let docx = &files_with(&orig, "docx")[0];
    let full = dir.path().join("full");
    std::fs::create_dir(&full).unwrap();
    std::fs::write(full.join("ghi-chu.txt"), "của tôi").unwrap();
    let o = vanban(&[
        "import",
        docx.to_str().unwrap(),
        "-o",
        full.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(full.join("ghi-chu.txt")).unwrap(),
        "của tôi"
    );
    let o = vanban(&[
        "import",
        docx.to_str().unwrap(),
        "-o",
        full.to_str().unwrap(),
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(full.join("template.toml").is_file());
    assert!(!full.join("ghi-chu.txt").exists());
    // --family takes the family's form rules.
    let fam = dir.path().join("fam");
    let o = vanban(&[
        "import",
        docx.to_str().unwrap(),
        "-o",
        fam.to_str().unwrap(),
        "--family",
        "du-thao-thong-tu",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let toml = std::fs::read_to_string(fam.join("template.toml")).unwrap();
    assert!(toml.contains("form = \"nd78-2025\""), "{toml}");
    let o = vanban(&[
        "import",
        docx.to_str().unwrap(),
        "-o",
        dir.path().join("x").to_str().unwrap(),
        "--family",
        "khong-co",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// A small deterministic generator (xorshift), so the mutations are the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The DOCX with its document.xml replaced.
fn with_document(docx: &[u8], xml: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), opts).unwrap();
        out.write_all(if name == "word/document.xml" {
            xml
        } else {
            &data
        })
        .unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A flipped or cut package (`kind` 0, 1) or document.xml (2, 3).
fn mutate(kind: usize, docx: &[u8], xml: &[u8], rng: &mut Rng) -> Vec<u8> {
    match kind {
        // Flipped bytes anywhere in the package.
        0 => {
            let mut b = docx.to_vec();
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            b
        }
        // Cut short.
        1 => docx[..rng.below(docx.len())].to_vec(),
        // Flipped bytes in document.xml, re-packed so the ZIP is sound.
        2 => {
            let mut x = xml.to_vec();
            for _ in 0..1 + rng.below(16) {
                let i = rng.below(x.len());
                x[i] = b"<>/=\"&;w:tcpPr \x00\xff"[rng.below(16)];
            }
            with_document(docx, &x)
        }
        // document.xml cut short, re-packed.
        _ => with_document(docx, &xml[..rng.below(xml.len())]),
    }
}

#[test]
fn mutated_docx_files_never_panic() {
    let dir = tempdir();
    let orig = make_family("bao-cao-thang", dir.path());
    let docx = std::fs::read(&files_with(&orig, "docx")[0]).unwrap();
    let xml = docx_part(&files_with(&orig, "docx")[0], "word/document.xml").into_bytes();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let options = vanban::import::Options::default();
    let (mut ok, mut errors, mut cases) = (0, 0, 0);
    // Text that means something to the recogniser, Markdown, Handlebars or TOML, inserted
    // into the document's text (escaped for XML, so the package stays readable).
    let tricky = [
        "{{",
        "}}",
        "{{ten}}",
        "{{#each x}}",
        "*",
        "**",
        "|",
        "^^",
        "<<",
        "===",
        "+++",
        "\\",
        "&quot;",
        "Số: ",
        "/",
        "Kính gửi: ",
        "Nơi nhận:",
        "KT. ",
        "Phụ lục ",
        "1. ",
        "- ",
        "#",
        "Điều 5. ",
        "a) ",
        "&lt;br&gt;",
        "\n",
    ];
    for case in 0..750 {
        let bytes = match case % 5 {
            4 => {
                let mut x = String::from_utf8(xml.clone()).unwrap();
                for _ in 0..1 + rng.below(6) {
                    // A position inside text: after a '>' with no '<' before it.
                    let at = rng.below(x.len());
                    if !x.is_char_boundary(at) {
                        continue;
                    }
                    let Some(gt) = x[..at].rfind('>') else {
                        continue;
                    };
                    if x[gt..at].contains('<') || !x[at..].contains('<') || x[at..].starts_with('<')
                    {
                        continue;
                    }
                    x.insert_str(at, tricky[rng.below(tricky.len())]);
                }
                with_document(&docx, x.as_bytes())
            }
            k => mutate(k, &docx, &xml, &mut rng),
        };
        cases += 1;
        let made = std::panic::catch_unwind(|| vanban::import::make(&bytes, "x", &options));
        match made {
            Ok(Ok(m)) => {
                ok += 1;
                // What an import writes is a manifest the template code accepts.
                let (_, toml) = m.files.iter().find(|(n, _)| n == "template.toml").unwrap();
                let toml = std::str::from_utf8(toml).unwrap();
                if let Err(e) = toml::from_str::<vanban::template::Manifest>(toml) {
                    panic!("case {case}: {e}\n{toml}");
                }
            }
            Ok(Err(e)) => {
                errors += 1;
                assert!(!e.en.is_empty() && !e.vi.is_empty(), "case {case}: {e:?}");
            }
            Err(_) => panic!("case {case}: the reader panicked"),
        }
    }
    assert_eq!(cases, 750);
    eprintln!("mutated DOCX: {cases} cases, {ok} imported, {errors} refused with a message");
    // Both outcomes occur: the reader is exercised, not only the ZIP check.
    assert!(ok > 0 && errors > 0, "ok {ok}, errors {errors}");
}

/// A DOCX of plain paragraphs, made here with the zip crate (the smallest package Word
/// opens: content types, the package relationship, the document).
fn paragraphs_docx(paragraphs: &[&str]) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for p in paragraphs {
        let text = p
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        body.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
        ));
    }
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
            ),
        ),
    ];
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The sample workbook of the circular, rewritten with the amendments sheet's rows
/// replaced by `rows` (unit, action, current text, new text, explanation).
fn circular_workbook(path: &Path, rows: &[[&str; 5]]) {
    use vanban::workbook::{Dataset, SheetData, Value};
    let sample = root().join("samples/du-thao-thong-tu.xlsx");
    let data = Dataset::open(&sample, &Default::default()).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let text = |v: &Value| match v {
        Value::Empty => String::new(),
        Value::Text(s) => s.clone(),
        other => other.to_string(),
    };
    for sheet in &data.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name).unwrap();
        match &sheet.data {
            SheetData::KeyValue(entries) => {
                ws.write_string(0, 0, "Trường").unwrap();
                ws.write_string(0, 1, "Giá trị").unwrap();
                for (i, e) in entries.iter().enumerate() {
                    ws.write_string(i as u32 + 1, 0, &e.label).unwrap();
                    ws.write_string(i as u32 + 1, 1, text(&e.value)).unwrap();
                }
            }
            SheetData::Table(t) => {
                for (c, col) in t.columns.iter().enumerate() {
                    ws.write_string(0, c as u16, &col.header).unwrap();
                }
                if sheet.name == "Sửa đổi" {
                    for (r, row) in rows.iter().enumerate() {
                        ws.write_number(r as u32 + 1, 0, (r + 1) as f64).unwrap();
                        for (c, v) in row.iter().enumerate() {
                            ws.write_string(r as u32 + 1, c as u16 + 1, *v).unwrap();
                        }
                    }
                } else {
                    for (r, row) in t.rows.iter().enumerate() {
                        for (c, v) in row.values.iter().enumerate() {
                            ws.write_string(r as u32 + 1, c as u16, text(v)).unwrap();
                        }
                    }
                }
            }
        }
    }
    wb.save(path).unwrap();
}

const CIRCULAR: &[&str] = &[
    "Chương I",
    "QUY ĐỊNH CHUNG",
    "Điều 1. Phạm vi điều chỉnh",
    "Thông tư này hướng dẫn khuyến công.",
    "Chương II",
    "NỘI DUNG HỖ TRỢ",
    "Mục 1. MỨC HỖ TRỢ",
    "Điều 5. Mức hỗ trợ đào tạo nghề",
    "1. Hỗ trợ chi phí đào tạo nghề.",
    "2. Mức hỗ trợ tối đa cho mỗi cơ sở công nghiệp nông thôn là 2.000.000 đồng/người.",
    "Điều 7. Hỗ trợ xúc tiến thương mại",
    "1. Nội dung hỗ trợ:",
    "a) Hỗ trợ tổ chức hội chợ, triển lãm cấp khu vực.",
    "b) Hỗ trợ tham gia hội chợ.",
    "c) Hỗ trợ thuê tư vấn lập hồ sơ đăng ký nhãn hiệu hàng hóa.",
    "Điều 8. Tổ chức thực hiện",
    "1. Cục Công nghiệp địa phương hướng dẫn.",
    "2. Các đơn vị phối hợp.",
    "3. Sở Công Thương các tỉnh tổ chức thực hiện.",
];

/// A copy of a built-in circular template that names its current text.
fn circular_template(dir: &Path, family: &str) -> PathBuf {
    let tpl = dir.join(family);
    std::fs::create_dir_all(&tpl).unwrap();
    for e in std::fs::read_dir(root().join("templates").join(family)).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tpl.join(e.file_name())).unwrap();
    }
    let manifest = tpl.join("template.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("\n[current_text]\ndocx = \"thong-tu-46-2012.docx\"\n");
    std::fs::write(&manifest, text).unwrap();
    std::fs::write(tpl.join("thong-tu-46-2012.docx"), paragraphs_docx(CIRCULAR)).unwrap();
    tpl
}

#[test]
fn the_current_text_is_read_from_the_amended_circulars_docx() {
    let dir = tempdir();
    let table = circular_template(dir.path(), "bang-so-sanh");
    let draft = circular_template(dir.path(), "du-thao-thong-tu");
    let good = dir.path().join("good.xlsx");
    circular_workbook(
        &good,
        &[
            // Only the unit: the current text comes from the DOCX.
            [
                "khoản 2 Điều 5",
                "Sửa đổi, bổ sung",
                "",
                "2. Mức hỗ trợ tối đa là 3.000.000 đồng/người.",
                "Điều chỉnh mức",
            ],
            ["Điều 5", "Bổ sung", "", "Điều 5a. Khuyến công xanh", "Mới"],
            [
                "điểm c khoản 1 Điều 7",
                "Bãi bỏ",
                "",
                "",
                "Không còn phù hợp",
            ],
            // A typed current text that differs from the document: a warning.
            [
                "điểm a khoản 1 Điều 7",
                "Sửa đổi, bổ sung",
                "a) Hỗ trợ tổ chức hội chợ cấp vùng.",
                "a) Hỗ trợ tổ chức hội chợ, triển lãm cấp quốc gia.",
                "Mở rộng",
            ],
            [
                "khoản 3 Điều 8",
                "Thay thế cụm từ",
                "Sở Công Thương",
                "cơ quan chuyên môn về công thương cấp tỉnh",
                "Hai cấp",
            ],
        ],
    );
    let out = dir.path().join("out");
    let o = vanban(&[
        "render",
        table.to_str().unwrap(),
        "--data",
        good.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--format",
        "docx",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("differs from điểm a khoản 1 Điều 7"), "{err}");
    assert!(err.contains("cell D5"), "the warning names the cell: {err}");
    assert!(
        err.contains("[-vùng.-]") || err.contains("[-vùng"),
        "the difference is shown: {err}"
    );
    let text = words(&docx_text(&files_with(&out, "docx")[0])).join(" ");
    for filled in [
        "2. Mức hỗ trợ tối đa cho mỗi cơ sở công nghiệp nông thôn là 2.000.000 đồng/người.",
        "c) Hỗ trợ thuê tư vấn lập hồ sơ đăng ký nhãn hiệu hàng hóa.",
    ] {
        assert!(
            text.contains(filled),
            "{filled:?} filled from the DOCX: {text}"
        );
    }
    // The draft renders from the same workbook.
    let o = vanban(&[
        "render",
        draft.to_str().unwrap(),
        "--data",
        good.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--format",
        "docx",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));

    // Units that cannot be right: a missing khoản (row 2) and a repeal of a point that is
    // not there (row 5); rows 3 and 4 insert after units that exist and pass.
    let bad = dir.path().join("bad.xlsx");
    circular_workbook(
        &bad,
        &[
            ["khoản 4 Điều 5", "Sửa đổi, bổ sung", "", "4. Mới.", ""],
            ["khoản 1 Điều 8", "Bổ sung", "", "1a. Chèn.", ""],
            ["khoản 1 Điều 5", "Bổ sung", "", "1a. Chèn.", ""],
            ["điểm d khoản 1 Điều 7", "Bãi bỏ", "", "", ""],
        ],
    );
    let o = vanban(&[
        "render",
        table.to_str().unwrap(),
        "--data",
        bad.to_str().unwrap(),
        "-o",
        dir.path().join("bad-out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("row 2: the current text has no khoản 4 Điều 5"),
        "{err}"
    );
    assert!(
        err.contains("the nearest units: khoản 1 Điều 5, khoản 2 Điều 5, Điều 7"),
        "{err}"
    );
    assert!(
        err.contains("row 5: the current text has no điểm d khoản 1 Điều 7"),
        "{err}"
    );
    assert!(!dir.path().join("bad-out").exists(), "nothing is written");
    let o = vanban(&[
        "--lang",
        "vi",
        "check",
        table.to_str().unwrap(),
        "--data",
        bad.to_str().unwrap(),
    ]);
    let report = String::from_utf8_lossy(&o.stdout).into_owned() + &stderr(&o);
    assert!(
        report.contains("văn bản hiện hành không có khoản 4 Điều 5"),
        "{report}"
    );
    assert!(!o.status.success());
}

#[test]
fn an_insertion_of_a_unit_that_exists_is_an_error() {
    let dir = tempdir();
    let table = circular_template(dir.path(), "bang-so-sanh");
    let mut circular = CIRCULAR.to_vec();
    circular.push("Điều 8a. Đã có");
    std::fs::write(
        table.join("thong-tu-46-2012.docx"),
        paragraphs_docx(&circular),
    )
    .unwrap();
    let wb = dir.path().join("w.xlsx");
    circular_workbook(&wb, &[["Điều 8", "Bổ sung", "", "Điều 8a. Mới", ""]]);
    let o = vanban(&[
        "check",
        table.to_str().unwrap(),
        "--data",
        wb.to_str().unwrap(),
    ]);
    let report = String::from_utf8_lossy(&o.stdout).into_owned() + &stderr(&o);
    assert!(
        report.contains("but the current text already has Điều 8a"),
        "{report}"
    );
    assert!(!o.status.success());
}

#[test]
fn a_công_văn_with_two_addressees_and_a_two_line_trích_yếu_round_trips() {
    let dir = tempdir();
    let tpl = dir.path().join("cong-van");
    std::fs::create_dir(&tpl).unwrap();
    for e in std::fs::read_dir(root().join("templates/bao-cao-thang")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tpl.join(e.file_name())).unwrap();
    }
    let manifest = tpl.join("template.toml");
    let text = std::fs::read_to_string(&manifest)
        .unwrap()
        .replace("doc_type = \"BÁO CÁO\"", "doc_type = \"\"")
        .replace(
            "addressees = [\"{{meta.kinh_gui}}\"]",
            "addressees = [\"{{meta.kinh_gui}}\", \"Thứ trưởng phụ trách\"]",
        );
    assert!(text.contains("doc_type = \"\""));
    std::fs::write(&manifest, text).unwrap();
    let orig = dir.path().join("orig");
    let sample = root().join("samples/bao-cao-thang.xlsx");
    let o = vanban(&[
        "render",
        tpl.to_str().unwrap(),
        "--data",
        sample.to_str().unwrap(),
        "-o",
        orig.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docx = &files_with(&orig, "docx")[0];
    let imported = dir.path().join("imported");
    let o = vanban(&[
        "import",
        docx.to_str().unwrap(),
        "-o",
        imported.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let toml = std::fs::read_to_string(imported.join("template.toml")).unwrap();
    assert!(
        toml.contains("addressees = [\"{{meta.kinh_gui_1}}\", \"{{meta.kinh_gui_2}}\"]"),
        "{toml}"
    );
    assert!(
        toml.contains("summary = \"Tình hình phát triển công nghiệp, thương mại các địa phương\\ntháng 10 năm 2025\""),
        "{toml}"
    );
    let again = dir.path().join("again");
    let o = render_own_sample(&imported, &again);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        words(&docx_text(docx)),
        words(&docx_text(&files_with(&again, "docx")[0]))
    );
    if let (Some(a), Some(b)) = (
        pdf_text(&docx.with_extension("pdf")),
        pdf_text(&files_with(&again, "pdf")[0]),
    ) {
        assert_eq!(words(&a), words(&b));
    }
}
