//! Every example of ../shared/spec/cleanup.md, through the real binary:
//! the contract's own before/after pairs, plus its guards ("not in numbers",
//! "stays", "reported, not fixed").

mod common;
use common::*;

/// `dossier fix -` on `input` (safe fixes unless `unsafe_`), final newline
/// left out for comparison.
fn fix(input: &str, unsafe_: bool) -> String {
    let args: &[&str] = if unsafe_ { &["fix", "--unsafe", "-"] } else { &["fix", "-"] };
    let out = run(args, input.as_bytes(), &root());
    assert!(out.status.code() != Some(2), "{}", text(&out.stderr));
    text(&out.stdout).trim_end_matches('\n').to_string()
}

fn codes(input: &str) -> Vec<String> {
    let out = run(&["check", "--format", "json", "-"], input.as_bytes(), &root());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json.as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).filter(|c| c != "S014").collect()
}

const EXAMPLES: &[(&str, &str)] = &[
    // Q — quotation marks
    ("فرقة “السلطان مراد” المدعومة", "فرقة «السلطان مراد» المدعومة"),
    ("لـ”الحل نت” أن", "لـ«الحل نت» أن"),
    ("و”الشخصيات الأجنبية”", "و«الشخصيات الأجنبية»"),
    ("قال \"نعم\" ثم", "قال «نعم» ثم"),
    ("«قال “لا” ثم»", "«قال “لا” ثم»"),
    ("Kazakhstan’s Street Battles", "Kazakhstan’s Street Battles"),
    // S — spacing
    ("تولى قيادة  القوات", "تولى قيادة القوات"),
    ("تولى\u{00A0}قيادة\u{2009}القوات\u{202F}الروسية", "تولى قيادة القوات الروسية"),
    ("انتهت،المهام أُنجزت", "انتهت، المهام أُنجزت"),
    ("قال : نعم .", "قال: نعم."),
    ("( نص )", "(نص)"),
    ("« نص »", "«نص»"),
    ("المتحدة –ومعها حلف", "المتحدة – ومعها حلف"),
    ("الماتي- كازاخستان", "الماتي – كازاخستان"),
    ("الاول ــ اثناء مدة", "الاول – اثناء مدة"),
    ("كانون الأول/ ديسمبر 1991", "كانون الأول/ديسمبر 1991"),
    ("7.1.2022In Kazakhstan’s", "7.1.2022 In Kazakhstan’s"),
    ("عبرGoogle", "عبر Google"),
    ("لـGoogle", "لـGoogle"),
    ("قاسم-جومرت و Bishkek-Bound", "قاسم-جومرت و Bishkek-Bound"),
    ("KNB / جهاز المخابرات", "\u{200F}KNB / جهاز المخابرات"),
    ("نصوص( بين أقواس )أو", "نصوص (بين أقواس) أو"),
    // Protected spans (principle 4): list markers, file paths, pasted markup.
    ("1/ نص البند الأول\n2) نص البند الثاني", "1/ نص البند الأول\n2) نص البند الثاني"),
    ("افتح الملف /etc/hosts ثم شغل ./run.sh", "افتح الملف /etc/hosts ثم شغل ./run.sh"),
    ("المصدر<ref name=\"أ ب\">كتاب</ref>", "المصدر<ref name=\"أ ب\">كتاب</ref>"),
    // P — punctuation
    ("نعم, ولكن; لماذا?", "نعم، ولكن؛ لماذا؟"),
    ("الأوضاع فيها؟. بما", "الأوضاع فيها؟ بما"),
    ("قال،، ثم", "قال، ثم"),
    ("ما بين 370,000 إلى 400,000 برميل", "ما بين 370,000 إلى 400,000 برميل"),
    ("Yes, but why? Because.", "Yes, but why? Because."),
    ("انظر https://bit.ly/3FTnezU?a=1,2 هنا", "انظر https://bit.ly/3FTnezU?a=1,2 هنا"),
    ("مرورا بتركيا.. طائرة", "مرورا بتركيا.. طائرة"),
    // D — dates and numbers
    ("في 512022، وكما", "في 5/1/2022، وكما"),
    ("أي في 1012022 لخص", "أي في 10/1/2022 لخص"),
    ("بلغ 1012022 دولار", "بلغ 1012022 دولار"),
    ("نحو 1500000 برميل", "نحو 1500000 برميل"),
    ("في 5 يناير/كانون الثاني الجاري", "في 5 كانون الثاني/يناير الجاري"),
    ("في كانون الثاني/ يناير 2022", "في كانون الثاني/يناير 2022"),
    ("عام 2٠22", "عام 2022"),
    ("في عام ۲۰۲۲", "في عام ٢٠٢٢"),
    ("2.700.025 و755.17 و10:30", "2.700.025 و755.17 و10:30"),
    // B — bidi and invisible characters
    ("CCTS منظمة الدول التركية", "\u{200F}CCTS منظمة الدول التركية"),
    ("نص \u{202B}بلا إغلاق", "نص بلا إغلاق"),
    ("نص\u{200F} عربي", "نص عربي"),
    ("ﺔﻴﺑﺮﻌﻟﺍ", "العربية"),
    ("كلم\u{200B}ة و\u{00AD}نص\u{2060}", "كلمة ونص"),
    // C — characters
    ("ﻻ", "لا"),
    ("ﺍﻟﻌﺮﺑﻴﺔ", "العربية"),
    ("الــعــربية", "العربية"),
    ("لـ«الحل نت» بـ2022", "لـ«الحل نت» بـ2022"),
    ("الـ48 ساعة", "الـ48 ساعة"),
    ("الـ Server", "الـ Server"),
    ("بالـ«فيسبوك» وللـ«الحل نت» وبالـ2022", "بالـ«فيسبوك» وللـ«الحل نت» وبالـ2022"),
    ("ﺟﺪﺍﹰ", "جداً"),
    ("این کتاب است", "این کتاب است"),
    ("این کتاب ۲۰۲۲ است", "این کتاب ۲۰۲۲ است"),
    ("کازاخستان فیلم", "كازاخستان فيلم"),
    ("پارسی کتاب", "پارسی کتاب"),
    ("ا\u{0654}حمد", "أحمد"),
    ("شدَّة", "شدَّة"),
];

#[test]
fn every_example_of_the_contract() {
    let mut failures = Vec::new();
    for (before, after) in EXAMPLES {
        let got = fix(before, false);
        if got != *after {
            failures.push(format!("{before:?}\n   want {after:?}\n   got  {got:?}"));
        }
        let again = fix(&got, false);
        if again != got {
            failures.push(format!("not idempotent: {got:?} → {again:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn what_is_reported_and_not_fixed() {
    // Ambiguous fused date: reported, unsafe fix only with the document's evidence.
    assert_eq!(codes("في 1112022 حدث"), vec!["D001"]);
    assert_eq!(fix("في 1112022 حدث", true), "في 1112022 حدث");
    let january = "بدأت الأحداث في 5/1/2022.\nوفي 1112022 انتهت.";
    assert_eq!(fix(january, false), january);
    assert_eq!(fix(january, true), "بدأت الأحداث في 5/1/2022.\nوفي 11/1/2022 انتهت.");
    // Quotes that cannot be paired.
    assert_eq!(codes("قال “نعم ثم مضى."), vec!["Q003"]);
    // U+FFFD.
    assert_eq!(codes("نص � مفقود"), vec!["B005"]);
    // Hyphens used as quotation marks: a pair, never half a dash.
    assert_eq!(codes("ما يسمى -الربيع العربي- في المنطقة"), vec!["S006"]);
    assert_eq!(fix("ما يسمى -الربيع العربي- في المنطقة", false), "ما يسمى -الربيع العربي- في المنطقة");
    // The article glued to a Latin word: a tatweel, never a space.
    assert_eq!(codes("نظام الGPS الجديد"), vec!["S010"]);
    assert_eq!(fix("نظام الGPS الجديد", false), "نظام الGPS الجديد");
    assert_eq!(fix("نظام الGPS الجديد", true), "نظام الـGPS الجديد");
    // A final Persian yeh.
    assert_eq!(codes("علی"), vec!["C003"]);
    assert_eq!(fix("علی", false), "علی");
    // Two grouping styles, and an ambiguous group: warnings.
    let mut grouping = codes("بلغ 370,000 و900.000 و4.500.000");
    grouping.sort();
    assert_eq!(grouping, vec!["D006", "D007"]);
}

#[test]
fn line_ends() {
    assert_eq!(run(&["fix", "-"], "\u{FEFF}أ  \r\nب\r\n\r\n\r\n\r\nج".as_bytes(), &root()).stdout, "أ\nب\n\nج\n".as_bytes());
}
