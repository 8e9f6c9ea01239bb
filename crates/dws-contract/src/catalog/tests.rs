use super::*;

/// Status and code of every row of table 7-2, copied from the reference independently of
/// `codes.rs`, so a row lost or mistyped there fails here.
const TABLE_7_2: &str = "
    400:DWS.5001 400:DWS.5002 400:DWS.5003 400:DWS.5004 400:DWS.5005 400:DWS.5006 400:DWS.5010
    400:DWS.5011 400:DWS.5012 400:DWS.5013 400:DWS.5014 400:DWS.5015 400:DWS.5016 400:DWS.5017
    400:DWS.5018 404:DWS.5021 404:DWS.5022 404:DWS.5023 400:DWS.5027 400:DWS.5033 400:DWS.5034
    403:DWS.5036 400:DWS.5037 400:DWS.5038 400:DWS.5039 400:DWS.5045 400:DWS.5046 400:DWS.5047
    400:DWS.5048 409:DWS.5050 400:DWS.5051 400:DWS.5052 400:DWS.5053 400:DWS.5054 400:DWS.5056
    400:DWS.5057 400:DWS.5059 400:DWS.5060 400:DWS.5061 400:DWS.5062 400:DWS.5063 400:DWS.5064
    400:DWS.5065 400:DWS.5070 400:DWS.5071 400:DWS.5078 400:DWS.5079 400:DWS.5080 400:DWS.5081
    400:DWS.5082 400:DWS.5083 400:DWS.5084 400:DWS.5086 400:DWS.5087 400:DWS.5089 400:DWS.5091
    400:DWS.5093 400:DWS.5095 400:DWS.5096 400:DWS.5097 400:DWS.5098 400:DWS.5104 400:DWS.5106
    400:DWS.5107 400:DWS.5111 400:DWS.5130 400:DWS.5133 400:DWS.5135 400:DWS.5144 400:DWS.5145
    400:DWS.5146 400:DWS.5147 400:DWS.5148 400:DWS.5149 400:DWS.5165 400:DWS.5166 400:DWS.5167
    400:DWS.5168 400:DWS.5169 400:DWS.5170 400:DWS.5171 400:DWS.5172 400:DWS.5173 400:DWS.5174
    400:DWS.5175 400:DWS.5176 400:DWS.5177 400:DWS.5178 400:DWS.5179 400:DWS.5180 400:DWS.5181
    400:DWS.5182 400:DWS.5183 400:DWS.5184 400:DWS.5185 400:DWS.5186 400:DWS.5187 400:DWS.5189
    400:DWS.5191 400:DWS.5194 400:DWS.5197 400:DWS.5198 400:DWS.5199 400:DWS.5200 400:DWS.5202
    400:DWS.5203 400:DWS.5206
";

fn reference_rows() -> Vec<(u16, &'static str)> {
    TABLE_7_2
        .split_whitespace()
        .map(|row| {
            let (status, code) = row.split_once(':').unwrap();
            (status.parse().unwrap(), code)
        })
        .collect()
}

#[test]
fn every_row_of_appendix_7_2_is_present_with_its_status() {
    let rows = reference_rows();
    assert_eq!(rows.len(), 107);
    let ours: Vec<(u16, &str)> = CATALOG
        .iter()
        .filter(|e| e.source == Source::Reference)
        .map(|e| (e.status, e.code))
        .collect();
    assert_eq!(ours, rows);
}

#[test]
fn codes_are_unique_and_index_their_rows() {
    for (i, code) in ErrorCode::ALL.iter().enumerate() {
        assert_eq!(*code as usize, i);
        assert_eq!(code.entry(), &CATALOG[i]);
        assert_eq!(ErrorCode::parse(code.as_str()), Some(*code));
    }
    let mut seen = std::collections::HashSet::new();
    for e in CATALOG {
        assert!(seen.insert(e.code), "duplicate {}", e.code);
    }
    assert_eq!(ErrorCode::ALL.len(), CATALOG.len());
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_entry_has_both_languages() {
    for e in CATALOG {
        for text in [e.message_zh, e.description_zh, e.remedy_zh, e.message_en, e.remedy_en] {
            assert!(!text.trim().is_empty(), "{} has an empty text", e.code);
            assert_eq!(text, text.trim(), "{} has stray white space", e.code);
        }
        assert!(has_cjk(e.message_zh) && has_cjk(e.remedy_zh), "{} zh is not Chinese", e.code);
        assert!(!has_cjk(e.message_en) && !has_cjk(e.remedy_en), "{} en has Chinese", e.code);
        assert!(e.message_en.ends_with('.'), "{}: {}", e.code, e.message_en);
        assert!((400..600).contains(&e.status), "{} status {}", e.code, e.status);
    }
}

#[test]
fn lookups_by_string() {
    let e = lookup("DWS.5057").unwrap();
    assert_eq!(e.status, 400);
    assert_eq!(e.message(Lang::Zh), "集群名称含非法字符或长度不合法。");
    assert!(e.message(Lang::En).contains("cluster name"));
    assert_eq!(lookup(" dws.5050 ").unwrap().status, 409);
    assert_eq!(ErrorCode::Dws5050.status(), 409);
    assert_eq!(ErrorCode::Dws5036.status(), 403);
    assert_eq!(ErrorCode::Dws5021.status(), 404);
    assert!(lookup("DWS.9999").is_none());
    assert!(lookup("").is_none());
    assert_eq!(ErrorCode::Dws5144.to_string(), "DWS.5144");
}
