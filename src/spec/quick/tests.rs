use super::*;
use crate::spec::load::parse_by_saphyr;
use crate::spec::model::SpecFile;

/// What both parsers make of `text`: the quick path's model (`None`: it
/// gave up) and serde-saphyr's, as debug text (positions included).
fn both(text: &str) -> (Option<String>, Result<String, String>) {
    let quick = from_str::<SpecFile>(text).ok().map(|f| format!("{f:#?}"));
    let saphyr = parse_by_saphyr(text)
        .map(|f| format!("{f:#?}"))
        .map_err(|e| e.to_string());
    (quick, saphyr)
}

/// The quick path reads `text`, to serde-saphyr's model.
#[track_caller]
fn reads(text: &str) {
    match both(text) {
        (Some(quick), Ok(saphyr)) => assert_eq!(quick, saphyr, "{text}"),
        (quick, saphyr) => panic!("{text}\nquick: {quick:?}\nserde-saphyr: {saphyr:?}"),
    }
}

/// The quick path leaves `text` to serde-saphyr.
#[track_caller]
fn leaves(text: &str) {
    assert_eq!(from_str::<SpecFile>(text).err(), Some(Bail), "{text}");
}

#[test]
fn reads_the_yaml_standards_are_written_in() {
    reads("roles:\n  - id: cs\n    title: 客户服务部\n    duties: [受理投诉, 回访]\n");
    reads(
        "limits:\n- { id: a, title: 分拣, metric: m.sorting, duration: 2小时, scope: { priority: hi } }\n",
    );
    reads(
        "limits:\n  - id: a\n    title: \"分拣: 重要\"\n    metric: 'm.x'\n    duration: 24h\n    kind: response\n",
    );
    reads(
        "terms:\n  - id: t\n    title: 系统\n    definition: >-\n      第一行，\n      第二行。\n    source: s#1.2\n",
    );
    reads(
        "roles:\n  - id: r\n    title: 坐席\n    description: |\n      受理来电\n\n      记录工单\n",
    );
    reads("roles:\n  - id: r\n    title: 180 complaint centre\n    title_en: Level 1 (urgent)\n");
    reads(
        "flows:\n  - id: f\n    title: 流程\n    steps:\n      - { id: a, title: 甲, end: true }\n      - id: b\n        title: 乙\n        escalations: [{ after: 1个工作日, action: 升级, level: 2 }]\n",
    );
    reads("# comment\nroles: # trailing\n  - id: cs   # id\n    title: 客服\n");
}

#[test]
fn leaves_what_it_is_not_sure_of_to_serde_saphyr() {
    for text in [
        "roles:\n  - &a { id: cs, title: 客服 }\n",
        "roles:\n  - id: cs\n    title: !!str 客服\n",
        "%YAML 1.2\n---\nroles: []\n",
        "roles: []\n---\nroles: []\n",
        "roles:\n  - id: cs\n    title: 123\n",
        "roles:\n  - id: cs\n    title: ~\n",
        "roles:\n  - id: cs\n    title: 客服\n    title_en: null\n",
        "flows:\n  - id: f\n    title: 流\n    steps: [{ id: a, title: 甲, end: yes }]\n",
        "roles:\n  - id: cs\n    title: 客服\n    description: |\n\n      first line blank\n",
        "roles:\n  - id: cs\n    title: 客服\n    description: |\n  - id: x\n    title: 乙\n",
        "roles:\n  - id: cs\n    title: 客服\n    titel: 拼错\n",
        "roles:\n  - id: cs\n    title: 客服\n    title: 又一个\n",
        "roles:\n  - id: cs\n    title: 客服\u{2028}部\n",
        "limits:\n  - { id: a, title: 甲, metric: m, duration: { amount: 2, unit: hours } }\n",
        "roles: [ {",
        // libyaml-safer 0.3.0 panics on this one (found by the fuzz target).
        "limits:\n  - { id: !tep, title: 甲 }\n",
        "roles:\n  - id: cs\n    title: 注意!\n",
        // libyaml-safer 0.3.0 panics on a block scalar that ends the text.
        "roles:\n  - id: cs\n    title: 客服\n    description: |\n      受理",
        "roles:\n  - id: cs\n    title: \"客服\\\\\"\n",
        // libyaml takes these `#` for comments; YAML 1.2 refuses them (fuzz).
        "standard:\n  id: s\n  title: 规范\n  version: \"2023\"# note\n",
        "roles: [{ id: cs, title: 客服 }]# note\n",
        "limits:\n  - { id: a, title: 甲, owner: cs,?source: s#1 }\n",
        "roles:\n  - ? id\n    : cs\n    title: 客服\n",
        "roles:\n  - id: cs\n    title: \"客服\n  部\"\n",
        "roles:\n  - id: cs\n    title: 客服\n     部\n",
        "roles:\n  - id: cs\n    title:\t客服\n",
    ] {
        leaves(text);
    }
    let deep = format!("roles: {}{}\n", "[".repeat(40), "]".repeat(40));
    leaves(&deep);
}

#[test]
fn text_is_what_no_number_boolean_or_null_can_be() {
    for text in [
        "客服",
        "2小时",
        "0.5个工作日",
        "std-1296",
        "m129.sorting",
        "24h",
        "Level 1",
        "180 complaint centre",
    ] {
        assert!(surely_text(text), "{text}");
    }
    for text in [
        "", "1", "0.5", "-1", "+.inf", ".nan", "1e5", "0x1f", "0o17", "true", "False", "NULL", "~",
        "yes", "n", "Infinity", "1_000", "12:30",
    ] {
        assert!(!surely_text(text), "{text}");
    }
}

/// Every YAML file of the test fixtures (valid and broken alike): where the
/// quick path reads one, serde-saphyr reads it to the same model; and the
/// quick path reads most of the valid ones.
#[test]
fn agrees_with_serde_saphyr_on_every_fixture() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let (mut quick_read, mut valid) = (0, 0);
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.expect("fixtures readable");
        let path = entry.path();
        let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        let Some(text) = yaml.then(|| std::fs::read_to_string(path).ok()).flatten() else {
            continue;
        };
        match both(&text) {
            (Some(quick), Ok(saphyr)) => {
                assert_eq!(quick, saphyr, "{}", path.display());
                quick_read += 1;
                valid += 1;
            }
            (Some(_), Err(e)) => panic!("{}: serde-saphyr refuses it: {e}", path.display()),
            (None, Ok(_)) => valid += 1,
            (None, Err(_)) => {}
        }
    }
    assert!(valid > 300, "{valid} valid fixtures");
    assert!(
        quick_read * 10 > valid * 9,
        "quick path read {quick_read} of {valid}"
    );
}
