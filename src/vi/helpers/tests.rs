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
    assert!(e.contains("sort_vi: row 1 has no \"khong_co\""), "{e}");
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
    assert_eq!(helper_names().count(), 32);
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
