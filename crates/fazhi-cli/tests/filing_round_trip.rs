//! [official #16] The filing DOCX we export, imported again, gives back its 版头,
//! 主送, 附件 (its title whole, though the layout broke it over two lines) and 版记 as
//! metadata (an office's own filed copy of last year is the usual starting
//! point), not as lines of the preface.

mod common;

use common::Lib;

#[test]
fn our_filing_docx_imports_with_its_banner_and_addressee() {
    let lib = Lib::new();
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../assets/samples/meihekou-2019-web.txt"
    );
    let imported = lib.json(&["import", sample]);
    let id = imported["id"].as_str().expect("id").to_string();
    let mut doc = lib.json(&["show", &id]);
    for (k, v) in [
        ("doc_number", "梅政发〔2020〕1号"),
        ("signer", "王某某"),
        ("addressee", "通化市人民政府"),
        ("issuer_mark", "梅河口市人民政府文件"),
        ("date", "2020-03-13"),
        ("copy_to", "市委办公室，市人大常委会办公室"),
        ("printed_by", "梅河口市人民政府办公室"),
        ("printed_on", "2020-03-13"),
    ] {
        doc[k] = v.into();
    }
    doc["attachments"] = serde_json::json!([{
        "id": "a1",
        "title": "梅河口市2019年法治政府建设重点工作完成情况",
        "paragraphs": [{ "id": "p1", "text": "全年完成重点工作12项。" }]
    }]);
    for k in [
        "id",
        "status",
        "status_label",
        "version",
        "created_at",
        "updated_at",
        "title",
    ] {
        doc.as_object_mut().unwrap().remove(k);
    }
    lib.put(&id, &doc);
    let docx = lib.dir.path().join("filing.docx");
    lib.ok(&[
        "export",
        &id,
        "--format",
        "docx",
        "--no-check",
        "-o",
        docx.to_str().unwrap(),
    ]);

    let again = lib.json(&["import", docx.to_str().unwrap()]);
    let back = lib.json(&["show", again["id"].as_str().expect("id")]);
    assert_eq!(back["issuer"], "梅河口市人民政府");
    assert_eq!(back["year"], 2019);
    assert_eq!(back["issuer_mark"], "梅河口市人民政府文件");
    assert_eq!(back["doc_number"], "梅政发〔2020〕1号");
    assert_eq!(back["signer"], "王某某");
    assert_eq!(back["addressee"], "通化市人民政府");
    assert_eq!(back["date"], "2020-03-13");
    assert_eq!(back["copy_to"], "市委办公室，市人大常委会办公室");
    assert_eq!(back["printed_by"], "梅河口市人民政府办公室");
    assert_eq!(back["printed_on"], "2020-03-13");
    let attachments = back["attachments"].as_array().expect("attachments");
    assert_eq!(attachments.len(), 1, "{attachments:?}");
    assert_eq!(
        attachments[0]["title"],
        "梅河口市2019年法治政府建设重点工作完成情况"
    );
    let texts: Vec<&str> = attachments[0]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["text"].as_str())
        .collect();
    assert_eq!(
        texts,
        ["全年完成重点工作12项。"],
        "no title piece, no 版记 in the text"
    );
    let first = back["preface"][0]["text"].as_str().unwrap_or_default();
    assert!(
        first.starts_with("为贯彻落实"),
        "the banner is not preface: {first}"
    );
}
