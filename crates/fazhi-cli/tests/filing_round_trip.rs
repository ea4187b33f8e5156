//! [official #16] The filing DOCX we export, imported again, gives back its 版头 and
//! 主送 as metadata (an office's own filed copy of last year is the usual starting
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
    ] {
        doc[k] = v.into();
    }
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
    let first = back["preface"][0]["text"].as_str().unwrap_or_default();
    assert!(
        first.starts_with("为贯彻落实"),
        "the banner is not preface: {first}"
    );
}
