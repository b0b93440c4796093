//! Helpers through a real registry: strict mode and the Markdown escape of STACK-NOTES §7.

use super::*;

/// The Markdown escape the lead's registry uses (STACK-NOTES §7).
fn md_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            o.push('\\');
            o.push(c)
        } else if c == '\n' {
            o.push(' ')
        } else {
            o.push(c)
        }
    }
    o
}

fn md(tpl: &str, data: &Value) -> Result<String, String> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(md_escape);
    register(&mut hb);
    hb.render_template(tpl, data).map_err(|e| e.to_string())
}

fn ok(tpl: &str, data: &Value) -> String {
    eval(tpl, data).unwrap_or_else(|e| format!("ERROR: {e}"))
}

fn err(tpl: &str, data: &Value) -> String {
    match eval(tpl, data) {
        Ok(s) => format!("unexpected success: {s}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn escape_applies_to_helper_values() {
    let d = json!({"x": 1234567, "p": 12.5, "ten": "Hà Nội (cũ)"});
    assert_eq!(md("{{num 1234567}}", &d).unwrap(), "1\\.234\\.567");
    assert_eq!(md("{{num x}}", &d).unwrap(), "1\\.234\\.567");
    assert_eq!(md("{{pct p}}", &d).unwrap(), "12\\,5\\%");
    assert_eq!(md("{{upper ten}}", &d).unwrap(), "HÀ NỘI \\(CŨ\\)");
    assert_eq!(md("{{{num x}}}", &d).unwrap(), "1.234.567");
    assert_eq!(md("{{words 21}}", &d).unwrap(), "hai mươi mốt");
}

#[test]
fn numbers() {
    let d = json!({"a": 1234567.891, "s": "1234.5", "neg": -3.2, "z": -0.0001, "e": 2.675});
    assert_eq!(ok("{{num a 2}}", &d), "1.234.567,89");
    assert_eq!(ok("{{num a decimals=1}}", &d), "1.234.567,9");
    assert_eq!(ok("{{num s}}", &d), "1.234,5");
    assert_eq!(ok("{{num \"1234.5\"}}", &d), "1.234,5");
    assert_eq!(ok("{{num neg}}", &d), "-3,2");
    assert_eq!(ok("{{num z 2}}", &d), "0,00");
    assert_eq!(ok("{{num e 2}}", &d), "2,68");
    assert_eq!(ok("{{num 0}}", &d), "0");
    assert_eq!(ok("{{pct 12.5}}", &d), "12,5%");
    assert_eq!(ok("{{pct 0.125 from=\"fraction\"}}", &d), "12,5%");
    assert_eq!(ok("{{pct 0.1 1 from=\"fraction\"}}", &d), "10,0%");
    assert_eq!(ok("{{change 5.2}}", &d), "tăng 5,2%");
    assert_eq!(ok("{{change -3.14}}", &d), "giảm 3,1%");
    assert_eq!(ok("{{change 0.04}}", &d), "không đổi");
    assert_eq!(ok("{{change 5.2 estimate=true}}", &d), "ước tăng 5,2%");
    assert_eq!(
        ok("{{change -0.052 2 from=\"fraction\"}}", &d),
        "giảm 5,20%"
    );
}

#[test]
fn number_errors_name_the_helper() {
    let d = json!({"t": "abc", "n": null, "e": "", "o": {"a": 1}});
    assert!(
        err("{{num t}}", &d).contains("num: \"abc\" is not a number"),
        "{}",
        err("{{num t}}", &d)
    );
    assert!(err("{{num \"abc\"}}", &d).contains("num: \"abc\" is not a number"));
    let e = err("{{num n}}", &d);
    assert!(e.contains("num: the value of \"n\" is empty"), "{e}");
    let e = err("{{pct e}}", &d);
    assert!(e.contains("pct: the value of \"e\" is empty"), "{e}");
    let e = err("{{words o}}", &d);
    assert!(e.contains("words: {\"a\":1} is not a number"), "{e}");
    let e = err("{{num}}", &d);
    assert!(e.contains("num: parameter 1 is missing"), "{e}");
    let e = err("{{money_words 12.5}}", &d);
    assert!(e.contains("money_words: 12.5 is not a whole number"), "{e}");
    let e = err("{{num missing_var}}", &d);
    assert!(
        e.contains("num: the variable \"missing_var\" does not exist"),
        "{e}"
    );
    let e = err("{{words \"1e19\"}}", &d);
    assert!(e.contains("words:") && e.contains("out of range"), "{e}");
}

#[test]
fn words_helpers() {
    let d = json!({"tien": 1250000000, "s": "1005"});
    assert_eq!(ok("{{words 1005}}", &d), "một nghìn không trăm linh năm");
    assert_eq!(
        ok("{{words 1005 linh=\"lẻ\" thousand=\"ngàn\"}}", &d),
        "một ngàn không trăm lẻ năm"
    );
    assert_eq!(ok("{{words 24 four=\"bốn\"}}", &d), "hai mươi bốn");
    assert_eq!(ok("{{words 2000000000 billion=\"tỉ\"}}", &d), "hai tỉ");
    assert_eq!(ok("{{words s}}", &d), "một nghìn không trăm linh năm");
    assert_eq!(ok("{{words 7.5}}", &d), "bảy phẩy năm");
    assert_eq!(ok("{{words \"3.05\"}}", &d), "ba phẩy không năm");
    assert_eq!(ok("{{words -5}}", &d), "âm năm");
    assert_eq!(
        ok("{{money_words tien}}", &d),
        "Một tỷ hai trăm năm mươi triệu đồng"
    );
    assert_eq!(
        ok("{{money_words 1000000 chan=true}}", &d),
        "Một triệu đồng chẵn"
    );
    assert!(err("{{words 5 linh=\"x\"}}", &d).contains("words: linh=\"x\" is not valid"));
}

#[test]
fn dates_and_times() {
    let d = json!({
        "iso": "2018-01-05", "dt": "2019-06-29T00:00:00", "vn": "10/12/2025",
        "blank": "", "none": null, "bad": "2025/06/01", "gio": "08:30", "gio2": "14:05:00",
        "ts": "2025-11-20T14:05:33", "frac": 0.3541666666666667
    });
    assert_eq!(ok("{{date iso}}", &d), "ngày 05 tháng 01 năm 2018");
    assert_eq!(ok("{{date dt}}", &d), "ngày 29 tháng 6 năm 2019");
    assert_eq!(ok("{{date vn}}", &d), "ngày 10 tháng 12 năm 2025");
    assert_eq!(
        ok("{{place_date \"Hà Nội\" iso}}", &d),
        "Hà Nội, ngày 05 tháng 01 năm 2018"
    );
    assert_eq!(
        ok("{{place_date \"Hà Nội\" blank 2025}}", &d).replace('\u{a0}', " "),
        "Hà Nội, ngày     tháng     năm 2025"
    );
    assert_eq!(
        ok("{{place_date \"Hà Nội\" none year=2025}}", &d).replace('\u{a0}', " "),
        "Hà Nội, ngày     tháng     năm 2025"
    );
    let e = err("{{date bad}}", &d);
    assert!(e.contains("date: \"2025/06/01\" is not a date"), "{e}");
    let e = err("{{date blank}}", &d);
    assert!(e.contains("date: the value of \"blank\" is empty"), "{e}");
    assert!(err("{{date 45000}}", &d).contains("date: 45000 is not a date"));
    assert_eq!(ok("{{time gio}}", &d), "08 giờ 30 phút");
    assert_eq!(ok("{{time gio2}}", &d), "14 giờ 05 phút");
    assert_eq!(ok("{{time ts}}", &d), "14 giờ 05 phút");
    assert_eq!(ok("{{time frac}}", &d), "08 giờ 30 phút");
    assert!(err("{{time \"8h30\"}}", &d).contains("time: \"8h30\" is not a time"));
    assert_eq!(ok("{{period \"thang\" 10 2025}}", &d), "tháng 10 năm 2025");
    assert_eq!(ok("{{period \"quy\" 3 2025}}", &d), "quý III năm 2025");
    assert_eq!(
        ok("{{period \"6thang\" 0 2025}}", &d),
        "6 tháng đầu năm 2025"
    );
    assert_eq!(
        ok("{{period \"9thang\" null 2025}}", &d),
        "9 tháng đầu năm 2025"
    );
    assert_eq!(
        ok("{{period \"luyke\" 10 \"2025\" dau_nam=false}}", &d),
        "10 tháng năm 2025"
    );
    assert_eq!(ok("{{period \"nam\" 0 2025}}", &d), "năm 2025");
    assert!(
        err("{{period \"tuan\" 1 2025}}", &d)
            .contains("period: \"tuan\" is not a valid period kind")
    );
}

#[test]
fn text_helpers() {
    let d = json!({"s": "Thành phố Hồ Chí Minh"});
    assert_eq!(ok("{{upper s}}", &d), "THÀNH PHỐ HỒ CHÍ MINH");
    assert_eq!(ok("{{lower s}}", &d), "thành phố hồ chí minh");
    assert_eq!(ok("{{slug s}}", &d), "thanh-pho-ho-chi-minh");
    assert_eq!(ok("{{roman 4}}", &d), "IV");
    assert_eq!(ok("{{roman \"12\"}}", &d), "XII");
    assert_eq!(ok("{{point_label 5}}", &d), "đ");
    assert!(err("{{point_label 24}}", &d).contains("point_label: 24 is out of range"));
    assert!(err("{{roman 0}}", &d).contains("roman: 0 is out of range"));
    assert!(err("{{roman 1.5}}", &d).contains("roman: 1.5 is not a whole number"));
}

fn provinces() -> Value {
    json!({"rows": [
        {"ten_tinh": "Hà Tĩnh", "dt": 10.5, "ma": "HT"},
        {"ten_tinh": "Đà Nẵng", "dt": "20", "ma": "DN"},
        {"ten_tinh": "Hà Nội", "dt": 30, "ma": "HN"},
        {"ten_tinh": "Cà Mau", "dt": null, "ma": "CM"},
        {"ten_tinh": "Hoà Bình", "dt": "", "ma": "HB"},
        {"ten_tinh": "An Giang", "dt": 4.5, "ma": "AG"}
    ]})
}

#[test]
fn list_helpers() {
    let d = provinces();
    assert_eq!(
        ok(
            "{{#each (sort_vi rows \"ten_tinh\")}}{{ten_tinh}};{{/each}}",
            &d
        ),
        "An Giang;Cà Mau;Đà Nẵng;Hà Nội;Hà Tĩnh;Hoà Bình;"
    );
    assert_eq!(
        ok(
            "{{#each (sort_vi rows \"ten_tinh\" desc=true)}}{{ma}} {{/each}}",
            &d
        ),
        "HB HT HN DN CM AG "
    );
    assert_eq!(ok("{{sum rows \"dt\"}}", &d), "65");
    assert_eq!(ok("{{num (sum rows \"dt\") 1}}", &d), "65,0");
    assert_eq!(ok("{{count rows}}", &d), "6");
    assert_eq!(ok("{{avg rows \"dt\"}}", &d), "16.25");
    assert_eq!(ok("{{num (avg rows \"dt\")}}", &d), "16,25");
    assert_eq!(ok("{{max rows \"dt\"}}", &d), "30");
    assert_eq!(ok("{{min rows \"dt\"}}", &d), "4.5");
    assert_eq!(
        ok(
            "{{#each (where rows \"ten_tinh\" \"Hòa Bình\")}}{{ma}}{{/each}}",
            &d
        ),
        "HB"
    );
    assert_eq!(
        ok("{{#each (where rows \"dt\" 20)}}{{ma}}{{/each}}", &d),
        "DN"
    );
    assert_eq!(
        ok(
            "{{#with (find rows \"ma\" \"HN\")}}{{ten_tinh}}{{/with}}",
            &d
        ),
        "Hà Nội"
    );
    assert_eq!(
        ok(
            "{{#with (find rows \"ma\" \"XX\")}}{{ten_tinh}}{{else}}không có{{/with}}",
            &d
        ),
        "không có"
    );
    assert_eq!(ok("{{count (where rows \"ma\" \"XX\")}}", &d), "0");
    let sum01 = json!({"r": [{"x": 0.1}, {"x": 0.2}]});
    assert_eq!(ok("{{sum r \"x\"}}", &sum01), "0.3");
    let names = json!({"r": ["Trần Văn Bình", "Nguyễn Thị An", "Lê An"]});
    assert_eq!(
        ok("{{#each (sort_vi r names=true)}}{{this}};{{/each}}", &names),
        "Lê An;Nguyễn Thị An;Trần Văn Bình;"
    );
    let e = err("{{sum rows \"ma\"}}", &d);
    assert!(
        e.contains("sum: row 1 \"ma\": \"HT\" is not a number"),
        "{e}"
    );
    let e = err("{{sort_vi rows \"khong_co\"}}", &d);
    assert!(
        e.contains("sort_vi: no row of the list \"rows\" has the column \"khong_co\"; nearest:"),
        "{e}"
    );
    // A misspelt column is an error in every helper that reads a key, never 0 or nothing.
    for tpl in [
        "{{sum rows \"dtt\"}}",
        "{{avg rows \"dtt\"}}",
        "{{min rows \"dtt\"}}",
        "{{max rows \"dtt\"}}",
        "{{count rows \"dtt\"}}",
        "{{count (filter rows \"dtt\" \">\" 1)}}",
        "{{top rows \"dtt\"}}",
        "{{bottom rows \"dtt\"}}",
        "{{count (where rows \"dtt\" 1)}}",
        "{{find rows \"dtt\" 1}}",
        "{{count (sort_vi rows \"dtt\")}}",
    ] {
        let e = err(tpl, &d);
        assert!(
            e.contains("no row of the list \"rows\" has the column \"dtt\"; nearest: \"dt\""),
            "{tpl}: {e}"
        );
    }
    // `count list key`: the rows with a value there.
    let holes = json!({"r": [{"x": 1}, {"x": ""}, {"x": null}, {"x": "a"}]});
    assert_eq!(ok("{{count r \"x\"}}", &holes), "2");
    // `lookup` names a missing key instead of printing nothing.
    let e = err(
        "{{lookup meta \"so_kh\"}}",
        &json!({"meta": {"so_ky_hieu": "1"}}),
    );
    assert!(
        e.contains("lookup: there is no key \"so_kh\"; nearest: \"so_ky_hieu\" (in \"meta\")"),
        "{e}"
    );
    assert_eq!(ok("{{lookup r 1}}", &json!({"r": ["a", "b"]})), "b");
    // An empty list has no rows to tell a misspelling by.
    assert_eq!(ok("{{sum r \"x\"}}", &json!({"r": []})), "0");
    let e = err("{{count nothing}}", &json!({"nothing": null}));
    assert!(e.contains("count: the list is empty or missing"), "{e}");
    let e = err("{{avg rows \"dt\"}}", &json!({"rows": [{"dt": null}]}));
    assert!(e.contains("avg: no values to average"), "{e}");
}

#[test]
fn names_are_registered() {
    for n in helper_names() {
        let e = err(&format!("{{{{{n}}}}}"), &json!({}));
        assert!(
            e.contains(&format!("{n}: parameter 1 is missing")),
            "{n}: {e}"
        );
    }
    assert_eq!(helper_names().count(), 38);
}

/// The examples of docs/helpers.md that no other test covers.
#[test]
fn documented_examples() {
    let d = json!({});
    for (tpl, want) in [
        ("{{num 1234567.891 2}}", "1.234.567,89"),
        ("{{num 2.675 2}}", "2,68"),
        ("{{change -3.14}}", "giảm 3,1%"),
        ("{{words 1000000000000}}", "một nghìn tỷ"),
        ("{{words 10000000000000}}", "mười nghìn tỷ"),
        ("{{period \"6thang_cuoi\" 0 2025}}", "6 tháng cuối năm 2025"),
        ("{{period \"luyke\" 10 2025}}", "10 tháng đầu năm 2025"),
        ("{{upper \"cộng hòa\"}}", "CỘNG HÒA"),
        ("{{lower \"ĐỘC LẬP\"}}", "độc lập"),
        ("{{point_label 7}}", "g"),
        ("{{time \"2025-11-20T14:05:33\"}}", "14 giờ 05 phút"),
        ("{{date \"10/12/2025\"}}", "ngày 10 tháng 12 năm 2025"),
        ("{{tinh_moi \"Bắc Giang\"}}", "Bắc Ninh"),
        ("{{tinh_moi \"Hà Nội\"}}", "Hà Nội"),
        ("{{tinh_moi \"TP. HCM\"}}", "Thành phố Hồ Chí Minh"),
        ("{{tinh_moi \"Thừa Thiên Huế\"}}", "Huế"),
    ] {
        assert_eq!(ok(tpl, &d), want, "{tpl}");
    }
}

#[test]
fn filter_top_and_bottom() {
    let d = json!({"rows": [
        {"ten": "Hà Nội", "g": 3.3},
        {"ten": "Cao Bằng", "g": -1.8},
        {"ten": "Hà Tĩnh", "g": 0},
        {"ten": "Huế", "g": null},
        {"ten": "Phú Thọ", "g": 24.1}
    ]});
    assert_eq!(ok("{{count (filter rows \"g\" \">\" 0)}}", &d), "2");
    assert_eq!(ok("{{count (filter rows \"g\" \"<\" 0)}}", &d), "1");
    assert_eq!(ok("{{count (filter rows \"g\" \"=\" 0)}}", &d), "1");
    assert_eq!(
        ok("{{#with (top rows \"g\")}}{{ten}}{{/with}}", &d),
        "Phú Thọ"
    );
    assert_eq!(
        ok("{{#with (bottom rows \"g\")}}{{ten}}{{/with}}", &d),
        "Cao Bằng"
    );
    assert!(err("{{count (filter rows \"g\" \"~\" 0)}}", &d).contains("not a comparison"));
    let bad = json!({"rows": [{"g": "nhiều"}]});
    assert!(err("{{count (filter rows \"g\" \">\" 0)}}", &bad).contains("row 1"));
}

#[test]
fn arithmetic() {
    let d = json!({"x": 42000.5, "n": 39800});
    assert_eq!(ok("{{num (sub x n) 1}}", &d), "2.200,5");
    assert_eq!(ok("{{num (add x n) 1}}", &d), "81.800,5");
    assert_eq!(ok("{{num (abs (sub n x)) 1}}", &d), "2.200,5");
    assert!(err("{{sub x \"nhiều\"}}", &d).contains("not a number"));
    assert_eq!(ok("{{num (mul (div 410 500) 100) 1}}", &d), "82,0");
    assert!(err("{{div 1 0}}", &d).contains("division by zero"));
}

#[test]
fn first_letter_case() {
    let d = json!({"t": "Sửa đổi Thông tư số 46/2012/TT-BCT", "n": "hà Nội"});
    assert_eq!(
        ok("{{lower_first t}}", &d),
        "sửa đổi Thông tư số 46/2012/TT-BCT"
    );
    assert_eq!(ok("{{upper_first n}}", &d), "Hà Nội");
}

/// A helper's message in both languages, taken out of Handlebars as the template error
/// takes it.
fn both(tpl: &str, data: &Value) -> Text {
    match eval(tpl, data) {
        Ok(s) => panic!("{tpl}: unexpected success: {s}"),
        Err(e) => crate::i18n::text_of_nested(e.reason())
            .unwrap_or_else(|| panic!("{tpl}: not a helper message: {e}")),
    }
}

/// Every message asserted exactly in both languages: (template, Vietnamese, English).
#[test]
fn messages_in_both_languages() {
    let d = json!({
        "t": "abc", "n": null, "e": "", "o": {"a": 1}, "meta": {"ky_hieu": "BC-CNĐP"},
        "rows": [{"ma": "HT", "dt": 1}, {"ma": "DN", "dt": "nhiều"}], "bad": "2025/06/01",
        "dong": [{"x": null}], "so": 5
    });
    let cases: &[(&str, &str, &str)] = &[
        (
            "{{num t}}",
            "num: \"abc\" không phải là số (trường \"t\")",
            "num: \"abc\" is not a number (in \"t\")",
        ),
        (
            "{{num \"abc\"}}",
            "num: \"abc\" không phải là số",
            "num: \"abc\" is not a number",
        ),
        (
            "{{num meta.ky_hieu}}",
            "num: \"BC-CNĐP\" không phải là số (trường \"meta.ky_hieu\")",
            "num: \"BC-CNĐP\" is not a number (in \"meta.ky_hieu\")",
        ),
        (
            "{{num n}}",
            "num: trường \"n\" để trống",
            "num: the value of \"n\" is empty",
        ),
        (
            "{{pct e}}",
            "pct: trường \"e\" để trống",
            "pct: the value of \"e\" is empty",
        ),
        (
            "{{num}}",
            "num: thiếu tham số thứ 1 (cách dùng: num x [decimals])",
            "num: parameter 1 is missing (usage: num x [decimals])",
        ),
        (
            "{{filter rows \"dt\" \">\"}}",
            "filter: thiếu tham số thứ 4 (cách dùng: filter list key op value)",
            "filter: parameter 4 is missing (usage: filter list key op value)",
        ),
        (
            "{{date meta.ngay}}",
            "date: không có trường \"meta.ngay\"",
            "date: the variable \"meta.ngay\" does not exist",
        ),
        (
            "{{words o}}",
            "words: {\"a\":1} không phải là số (trường \"o\")",
            "words: {\"a\":1} is not a number (in \"o\")",
        ),
        (
            "{{money_words 12.5}}",
            "money_words: 12.5 không phải là số nguyên",
            "money_words: 12.5 is not a whole number",
        ),
        (
            "{{money_words 1 chan=\"có\"}}",
            "money_words: tùy chọn chan=\"có\" phải là true hoặc false",
            "money_words: option chan=\"có\" must be true or false",
        ),
        (
            "{{words 5 linh=\"x\"}}",
            "words: linh=\"x\" không hợp lệ (cần \"linh\" hoặc \"lẻ\")",
            "words: linh=\"x\" is not valid (expected \"linh\" or \"lẻ\")",
        ),
        (
            "{{words 5 billion=\"B\"}}",
            "words: billion=\"B\" không hợp lệ (cần \"tỷ\" hoặc \"tỉ\")",
            "words: billion=\"B\" is not valid (expected \"tỷ\" or \"tỉ\")",
        ),
        (
            "{{words \"1e19\"}}",
            "words: 10000000000000000000 nằm ngoài phạm vi cho phép (từ -10^18 đến 10^18, \
             tối đa 18 chữ số thập phân)",
            "words: 10000000000000000000 is out of range (-10^18 to 10^18, at most 18 decimals)",
        ),
        (
            "{{pct 5 from=\"x\"}}",
            "pct: from=\"x\" không hợp lệ (cần \"percent\" hoặc \"fraction\")",
            "pct: from=\"x\" is not valid (expected \"percent\" or \"fraction\")",
        ),
        (
            "{{num 5 -1}}",
            "num: -1 không phải là số nguyên từ 0 trở lên",
            "num: -1 is not a whole number of 0 or more",
        ),
        (
            "{{date bad}}",
            "date: \"2025/06/01\" không phải là ngày tháng (cần dạng YYYY-MM-DD, \
             YYYY-MM-DDTHH:MM:SS hoặc dd/mm/yyyy)",
            "date: \"2025/06/01\" is not a date (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS \
             or dd/mm/yyyy)",
        ),
        (
            "{{date 45000}}",
            "date: 45000 không phải là ngày tháng (cần dạng YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS \
             hoặc dd/mm/yyyy)",
            "date: 45000 is not a date (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or dd/mm/yyyy)",
        ),
        (
            "{{time \"8h30\"}}",
            "time: \"8h30\" không phải là giờ (cần dạng HH:MM, HH:MM:SS hoặc \
             YYYY-MM-DDTHH:MM:SS)",
            "time: \"8h30\" is not a time (expected HH:MM, HH:MM:SS or YYYY-MM-DDTHH:MM:SS)",
        ),
        (
            "{{time 1.5}}",
            "time: 1.5 không phải là giờ (cần một phần của ngày, nhỏ hơn 1)",
            "time: 1.5 is not a time (a fraction of a day below 1)",
        ),
        (
            "{{time o}}",
            "time: {\"a\":1} không phải là giờ",
            "time: {\"a\":1} is not a time",
        ),
        (
            "{{period \"tuan\" 1 2025}}",
            "period: \"tuan\" không phải là loại kỳ báo cáo hợp lệ (cần: thang, quy, 6thang, \
             6thang_cuoi, 9thang, luyke hoặc nam)",
            "period: \"tuan\" is not a valid period kind (expected thang, quy, 6thang, \
             6thang_cuoi, 9thang, luyke or nam)",
        ),
        (
            "{{period \"quy\" 5 2025}}",
            "period: 5 nằm ngoài phạm vi cho phép (quý từ 1 đến 4)",
            "period: 5 is out of range (quarters 1 to 4)",
        ),
        (
            "{{period \"thang\" 13 2025}}",
            "period: 13 nằm ngoài phạm vi cho phép (tháng từ 1 đến 12)",
            "period: 13 is out of range (months 1 to 12)",
        ),
        (
            "{{roman 0}}",
            "roman: 0 nằm ngoài phạm vi cho phép (từ 1 đến 3999)",
            "roman: 0 is out of range (1 to 3999)",
        ),
        (
            "{{point_label 24}}",
            "point_label: 24 nằm ngoài phạm vi cho phép (từ 1 đến 23 (a … y))",
            "point_label: 24 is out of range (1 to 23 (a … y))",
        ),
        (
            "{{upper o}}",
            "upper: {\"a\":1} không phải là chữ (trường \"o\")",
            "upper: {\"a\":1} is not text (in \"o\")",
        ),
        (
            "{{count n}}",
            "count: danh sách trống hoặc không có (trường \"n\")",
            "count: the list is empty or missing (in \"n\")",
        ),
        (
            "{{count t}}",
            "count: \"abc\" không phải là danh sách (trường \"t\")",
            "count: \"abc\" is not a list (in \"t\")",
        ),
        (
            "{{sum rows \"ma\"}}",
            "sum: dòng 1, trường \"ma\": \"HT\" không phải là số",
            "sum: row 1 \"ma\": \"HT\" is not a number",
        ),
        (
            "{{max rows \"dt\"}}",
            "max: dòng 2, trường \"dt\": \"nhiều\" không phải là số",
            "max: row 2 \"dt\": \"nhiều\" is not a number",
        ),
        (
            "{{sort_vi rows \"ten\"}}",
            "sort_vi: không dòng nào của danh sách \"rows\" có cột \"ten\"; gần nhất: \"dt\", \"ma\"",
            "sort_vi: no row of the list \"rows\" has the column \"ten\"; nearest: \"dt\", \"ma\"",
        ),
        (
            "{{avg dong \"x\"}}",
            "avg: không có giá trị nào để tính trung bình",
            "avg: no values to average",
        ),
        (
            "{{min dong \"x\"}}",
            "min: không có giá trị nào",
            "min: no values",
        ),
        (
            "{{filter rows \"dt\" \"~\" 0}}",
            "filter: \"~\" không phải là phép so sánh; dùng một trong: > >= < <= = !=",
            "filter: \"~\" is not a comparison; use one of > >= < <= = !=",
        ),
        (
            "{{filter rows \"dt\" \">\" 0}}",
            "filter: dòng 2, trường \"dt\": \"nhiều\" không phải là số",
            "filter: row 2 \"dt\": \"nhiều\" is not a number",
        ),
        (
            "{{top dong \"x\"}}",
            "top: không dòng nào có số ở trường \"x\"",
            "top: no row has a number at \"x\"",
        ),
        (
            "{{sub so \"nhiều\"}}",
            "sub: \"nhiều\" không phải là số",
            "sub: \"nhiều\" is not a number",
        ),
        (
            "{{div 1 0}}",
            "div: không chia được cho 0 (giá trị thứ hai bằng 0)",
            "div: division by zero (the second value is 0)",
        ),
        (
            "{{div so n}}",
            "div: trường \"n\" để trống",
            "div: the value of \"n\" is empty",
        ),
    ];
    for &(tpl, vi, en) in cases {
        let t = both(tpl, &d);
        assert_eq!(t.vi, vi, "{tpl}");
        assert_eq!(t.en, en, "{tpl}");
        assert_ne!(t.vi, t.en, "{tpl}");
    }
}

/// The English of a missing variable is what the template error reads to suggest the
/// nearest key; the Vietnamese names the same field as `trường "X"`.
#[test]
fn missing_variable_keeps_the_contract_with_the_template_error() {
    let d = json!({"meta": {"ngay_ban_hanh": "2025-11-05"}});
    for helper in ["num", "date", "upper", "words", "time", "count"] {
        let t = both(&format!("{{{{{helper} meta.ngay_ban_hnh}}}}"), &d);
        assert_eq!(
            t.en,
            format!("{helper}: the variable \"meta.ngay_ban_hnh\" does not exist")
        );
        assert_eq!(
            t.vi,
            format!("{helper}: không có trường \"meta.ngay_ban_hnh\"")
        );
    }
}

/// Every registered helper, called with nothing, says in both languages which parameter
/// is missing and how it is used.
#[test]
fn usage_messages_in_both_languages() {
    for n in helper_names() {
        let t = both(&format!("{{{{{n}}}}}"), &json!({}));
        assert!(
            t.vi.starts_with(&format!("{n}: thiếu tham số thứ 1 (cách dùng: {n}")),
            "{}",
            t.vi
        );
        assert!(
            t.en.starts_with(&format!("{n}: parameter 1 is missing (usage: {n}")),
            "{}",
            t.en
        );
    }
}

/// `amendments` reports through the same channel, with the row named in both languages.
#[test]
fn amendments_messages_in_both_languages() {
    let t = |tpl: &str, data: &Value| {
        let e = eval(tpl, data).expect_err("an error");
        crate::i18n::text_of_nested(e.reason()).expect("a helper message")
    };
    let m = t("{{#each (amendments x)}}{{/each}}", &json!({"x": 5}));
    assert_eq!(
        m.vi,
        "amendments: tham số đầu tiên phải là một bảng, ví dụ (amendments sua_doi)"
    );
    assert_eq!(
        m.en,
        "amendments: the first parameter must be a table, e.g. (amendments sua_doi)"
    );
    let rows = json!({"sd": [
        {"don_vi": "Điều 3", "hanh_dong": "bãi bỏ"},
        {"don_vi": "Điều 4", "hanh_dong": "xóa", "du_thao": "x"}
    ]});
    let m = t("{{#each (amendments sd)}}{{/each}}", &rows);
    assert_eq!(
        m.vi,
        "amendments: bảng sửa đổi, dòng 2: \"xóa\" không phải là hình thức sửa đổi; ghi \
         \"sửa đổi\", \"bổ sung\", \"bãi bỏ\" hoặc \"thay thế cụm từ\""
    );
    assert!(
        m.en.starts_with("amendments: amendment row 2: \"xóa\" is not an action"),
        "{}",
        m.en
    );
    let rows = json!({"sd": [{"don_vi": "mục 1", "hanh_dong": "bãi bỏ"}]});
    let m = t("{{#each (amendments sd)}}{{/each}}", &rows);
    assert!(
        m.vi.starts_with(
            "amendments: bảng sửa đổi, dòng 1: không đọc được \"mục 1\" là Điều, khoản, điểm \
             (không hiểu từ \"mục\")"
        ),
        "{}",
        m.vi
    );
}

/// Last year's figures by old province, in data order, as a clerk's sheet gives them.
fn old_provinces() -> Value {
    json!({"tinh": [
        {"ten": "Bắc Giang", "gia_tri": 1200.5, "so_da": 3, "tang": 5.1},
        {"ten": "Hà Nội", "gia_tri": "2500", "so_da": 4, "tang": 2.0},
        {"ten": "Tỉnh Bắc Ninh", "gia_tri": 800.25, "so_da": 1, "tang": -1.0},
        {"ten": "Hà Giang", "gia_tri": 0.1, "so_da": 1, "tang": 0},
        {"ten": "Thừa Thiên - Huế", "gia_tri": 300, "so_da": 2, "tang": 1},
        {"ten": "Tuyên Quang", "gia_tri": 0.2, "so_da": 2, "tang": 0},
        {"ten": "TP. HCM", "gia_tri": 9000, "so_da": 7, "tang": 3},
        {"ten": "Bà Rịa-Vũng Tàu", "gia_tri": 1000, "so_da": 1, "tang": 3}
    ]})
}

#[test]
fn tinh_moi_gives_the_unit_after_the_merger() {
    let d = json!({"t": "Hoà Bình", "rows": [{"ten": "Hà Giang"}]});
    assert_eq!(ok("{{tinh_moi \"Bắc Giang\"}}", &d), "Bắc Ninh");
    assert_eq!(ok("{{tinh_moi \"Hà Nội\"}}", &d), "Hà Nội");
    assert_eq!(ok("{{tinh_moi t}}", &d), "Phú Thọ");
    assert_eq!(ok("{{tinh_moi \"TP HCM\"}}", &d), "Thành phố Hồ Chí Minh");
    assert_eq!(ok("{{tinh_moi \"Thừa Thiên Huế\"}}", &d), "Huế");
    assert_eq!(
        ok("{{#each rows}}{{ten}} → {{tinh_moi ten}}{{/each}}", &d),
        "Hà Giang → Tuyên Quang"
    );
}

#[test]
fn gop_tinh_regroups_and_adds_up() {
    let d = old_provinces();
    let tpl = "{{#each (gop_tinh tinh \"ten\" sum=\"gia_tri, so_da\")}}\
               {{ten}}: {{num gia_tri}} / {{so_da}} ({{tinh_cu}}; {{so_tinh_cu}})\n{{/each}}";
    assert_eq!(
        ok(tpl, &d),
        "Bắc Ninh: 2.000,75 / 4 (Bắc Giang, Bắc Ninh; 2)\n\
         Hà Nội: 2.500 / 4 (Hà Nội; 1)\n\
         Tuyên Quang: 0,3 / 3 (Hà Giang, Tuyên Quang; 2)\n\
         Huế: 300 / 2 (Huế; 1)\n\
         Thành phố Hồ Chí Minh: 10.000 / 8 (Thành phố Hồ Chí Minh, Bà Rịa - Vũng Tàu; 2)\n"
    );
    // Columns not summed are dropped: a growth rate cannot be added up.
    let row = eval(
        "{{#with (find (gop_tinh tinh \"ten\") \"ten\" \"Bắc Ninh\")}}{{tinh_cu}}|{{so_tinh_cu}}{{/with}}",
        &d,
    );
    assert_eq!(row.unwrap(), "Bắc Giang, Bắc Ninh|2");
    let e = err(
        "{{#each (gop_tinh tinh \"ten\" sum=\"gia_tri\")}}{{tang}}{{/each}}",
        &d,
    );
    assert!(e.contains("tang"), "{e}");
    // The totals equal `sum` over the same column.
    assert_eq!(
        ok(
            "{{sum (gop_tinh tinh \"ten\" sum=\"gia_tri\") \"gia_tri\"}}",
            &d
        ),
        ok("{{sum tinh \"gia_tri\"}}", &d)
    );
    assert_eq!(ok("{{count (gop_tinh tinh \"ten\")}}", &d), "5");
    assert_eq!(
        ok("{{count (gop_tinh empty \"ten\")}}", &json!({"empty": []})),
        "0"
    );
}

/// `tinh_moi` and `gop_tinh` messages, exactly, in both languages.
#[test]
fn province_messages_in_both_languages() {
    let d = json!({
        "x": "Bac Giang", "blank": "", "far": "Liên bang Nga",
        "bad": [{"ten": "Bắc Giang", "gt": 1}, {"ten": "Hà Tây", "gt": 2}],
        "typo": [{"ten": "Hà Noi", "gt": 1}],
        "text": [{"ten": "Bắc Giang", "gt": 1}, {"ten": "Bắc Ninh", "gt": "nhiều"}],
        "hole": [{"ten": "Bắc Giang", "gt": ""}],
        "nocol": [{"ten": "Bắc Giang"}],
        "twice": [{"ten": "Bắc Giang", "gt": 1}, {"ten": "Hà Nội", "gt": 1},
                  {"ten": "bắc giang", "gt": 1}],
        "noname": [{"ten": "Bắc Giang"}, {"gt": 1}],
        "emptyname": [{"ten": " "}]
    });
    let cases: &[(&str, &str, &str)] = &[
        (
            "{{tinh_moi x}}",
            "tinh_moi: \"Bac Giang\" không phải là tên một tỉnh, thành phố trong 63 đơn vị trước \
             ngày 01/7/2025 hoặc 34 đơn vị sau đó (NQ 202/2025/QH15) — có phải là \"Bắc Giang\"?",
            "tinh_moi: \"Bac Giang\" is not the name of a province or city, among the 63 before \
             01/7/2025 or the 34 after (NQ 202/2025/QH15) — did you mean \"Bắc Giang\"?",
        ),
        (
            "{{tinh_moi far}}",
            "tinh_moi: \"Liên bang Nga\" không phải là tên một tỉnh, thành phố trong 63 đơn vị \
             trước ngày 01/7/2025 hoặc 34 đơn vị sau đó (NQ 202/2025/QH15)",
            "tinh_moi: \"Liên bang Nga\" is not the name of a province or city, among the 63 \
             before 01/7/2025 or the 34 after (NQ 202/2025/QH15)",
        ),
        (
            "{{tinh_moi blank}}",
            "tinh_moi: trường \"blank\" để trống",
            "tinh_moi: the value of \"blank\" is empty",
        ),
        (
            "{{tinh_moi}}",
            "tinh_moi: thiếu tham số thứ 1 (cách dùng: tinh_moi name)",
            "tinh_moi: parameter 1 is missing (usage: tinh_moi name)",
        ),
        (
            "{{count (gop_tinh typo \"ten\")}}",
            "gop_tinh: dòng 1, trường \"ten\": \"Hà Noi\" không phải là tên một tỉnh, thành phố \
             trong 63 đơn vị trước ngày 01/7/2025 hoặc 34 đơn vị sau đó (NQ 202/2025/QH15) — có \
             phải là \"Hà Nội\"?",
            "gop_tinh: row 1 \"ten\": \"Hà Noi\" is not the name of a province or city, among \
             the 63 before 01/7/2025 or the 34 after (NQ 202/2025/QH15) — did you mean \"Hà Nội\"?",
        ),
        (
            "{{count (gop_tinh text \"ten\" sum=\"gt\")}}",
            "gop_tinh: dòng 2, trường \"gt\": \"nhiều\" không phải là số",
            "gop_tinh: row 2 \"gt\": \"nhiều\" is not a number",
        ),
        (
            "{{count (gop_tinh hole \"ten\" sum=\"gt\")}}",
            "gop_tinh: dòng 1, trường \"gt\": giá trị để trống",
            "gop_tinh: row 1 \"gt\": the value is empty",
        ),
        (
            "{{count (gop_tinh nocol \"ten\" sum=\"gt\")}}",
            "gop_tinh: không dòng nào của danh sách \"nocol\" có cột \"gt\"; gần nhất: \"ten\"",
            "gop_tinh: no row of the list \"nocol\" has the column \"gt\"; nearest: \"ten\"",
        ),
        (
            "{{count (gop_tinh twice \"ten\" sum=\"gt\")}}",
            "gop_tinh: dòng 1 và dòng 3 cùng là \"Bắc Giang\": số liệu của tỉnh này sẽ bị cộng \
             hai lần; bỏ bớt một dòng",
            "gop_tinh: rows 1 and 3 are both \"Bắc Giang\": its figures would be counted twice; \
             remove one of them",
        ),
        (
            "{{count (gop_tinh noname \"ten\")}}",
            "gop_tinh: dòng 2 không có trường \"ten\"",
            "gop_tinh: row 2 has no \"ten\"",
        ),
        (
            "{{count (gop_tinh emptyname \"ten\")}}",
            "gop_tinh: dòng 1, trường \"ten\": giá trị để trống",
            "gop_tinh: row 1 \"ten\": the value is empty",
        ),
        (
            "{{count (gop_tinh bad \"ten\" sum=5)}}",
            "gop_tinh: sum=5 phải là tên các cột cách nhau bằng dấu phẩy, ví dụ \
             sum=\"gia_tri,so_du_an\"",
            "gop_tinh: sum=5 must be column names separated by commas, e.g. \
             sum=\"gia_tri,so_du_an\"",
        ),
        (
            "{{count (gop_tinh x \"ten\")}}",
            "gop_tinh: \"Bac Giang\" không phải là danh sách (trường \"x\")",
            "gop_tinh: \"Bac Giang\" is not a list (in \"x\")",
        ),
    ];
    for (tpl, vi, en) in cases {
        let t = both(tpl, &d);
        assert_eq!(t.vi, *vi, "{tpl}");
        assert_eq!(t.en, *en, "{tpl}");
    }
    // Hà Tây (merged into Hà Nội in 2008) is not one of the 63.
    let t = both("{{count (gop_tinh bad \"ten\" sum=\"gt\")}}", &d);
    assert!(
        t.en.starts_with("gop_tinh: row 2 \"ten\": \"Hà Tây\" is not"),
        "{}",
        t.en
    );
}

/// `groups` gathers rows by the group the workbook reader gave them, keeps the subtotal, and
/// says so when the rows have no group.
#[test]
fn groups_of_rows() {
    let data = json!({"rows": [
        {"ten": "Hà Nội", "v": 10, "_nhom": {"nhom": "I. Miền Bắc", "ma": "I", "ten": "Miền Bắc", "tong": {"v": 10}}},
        {"ten": "Huế", "v": 5, "_nhom": {"nhom": "II. Miền Trung", "ma": "II", "ten": "Miền Trung", "tong": null}},
        {"ten": "Hải Phòng", "v": 7, "_nhom": {"nhom": "I. Miền Bắc", "ma": "I", "ten": "Miền Bắc", "tong": {"v": 10}}}
    ]});
    let out = eval(
        "{{#each (groups rows)}}{{ma}} {{ten}}: {{count rows}} {{sum rows \"v\"}} {{#if tong}}{{tong.v}}{{/if}}; {{/each}}",
        &data,
    )
    .unwrap();
    assert_eq!(out, "I Miền Bắc: 2 17 10; II Miền Trung: 1 5 ; ");
    let e = err("{{groups rows}}", &json!({"rows": [{"ten": "Hà Nội"}]}));
    assert!(e.contains("groups: row 1 belongs to no group"), "{e}");
}

#[test]
fn count_distinct_and_group_by() {
    let d = json!({"da": [
        {"tinh": "Nghệ An", "kp": 10, "loai": "A"},
        {"tinh": "Hà Nội", "kp": 5, "loai": ""},
        {"tinh": "Nghe\u{0323}\u{0302} An ", "kp": 2.5, "loai": "B"},
        {"tinh": "Bắc Ninh", "kp": 1, "loai": null},
        {"tinh": "Hoà Bình", "kp": 1, "loai": "B"},
        {"tinh": "Hòa Bình", "kp": 1, "loai": "B"},
        {"tinh": "Hà Nội", "kp": 5.0, "loai": "A"},
    ]});
    // Combining accents and a trailing space are the same name; blanks are no value.
    assert_eq!(ok("{{count_distinct da \"tinh\"}}", &d), "4");
    assert_eq!(ok("{{count_distinct da \"loai\"}}", &d), "2");
    assert_eq!(ok("{{count_distinct da \"kp\"}}", &d), "4");
    assert_eq!(
        ok("{{count_distinct (where da \"loai\" \"A\") \"tinh\"}}", &d),
        "2"
    );
    // Groups in order of first appearance, the key as its first row has it.
    assert_eq!(
        ok(
            "{{#each (group_by da \"tinh\")}}{{key}}: {{so_dong}} ({{sum rows \"kp\"}}); {{/each}}",
            &d
        ),
        "Nghệ An: 2 (12.5); Hà Nội: 2 (10); Bắc Ninh: 1 (1); Hoà Bình: 2 (2); "
    );
    // Blank cells make one group with an empty key, where the first of them is.
    assert_eq!(
        ok(
            "{{#each (group_by da \"loai\")}}[{{key}}]={{so_dong}} {{/each}}",
            &d
        ),
        "[A]=2 []=2 [B]=3 "
    );
    // In Vietnamese order with sort_vi.
    assert_eq!(
        ok(
            "{{#each (sort_vi (group_by da \"tinh\") \"key\")}}{{key}};{{/each}}",
            &d
        ),
        "Bắc Ninh;Hà Nội;Hoà Bình;Nghệ An;"
    );
    assert_eq!(
        ok("{{count (group_by da \"tinh\")}}", &json!({"da": []})),
        "0"
    );
}

#[test]
fn count_distinct_and_group_by_fail_on_a_column_no_row_has() {
    let d = json!({"da": [{"tinh": "Nghệ An"}, {"tinh": "Hà Nội"}]});
    for h in ["count_distinct", "group_by"] {
        let e = err(&format!("{{{{count ({h} da \"tinhh\")}}}}"), &d);
        assert!(
            e.contains(&format!(
                "{h}: no row of the list \"da\" has the column \"tinhh\""
            )) && e.contains("nearest: \"tinh\""),
            "{e}"
        );
    }
    let e = err("{{count_distinct da}}", &d);
    assert!(e.contains("count_distinct list key"), "{e}");
}
