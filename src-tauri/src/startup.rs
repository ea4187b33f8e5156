//! What happens before the window opens: find and open the library, and on the
//! very first launch give the user a report to look at.

use fazhi_core::store;
use fazhi_core::Store;
use fazhi_import::ImportOptions;

const FIRST_RUN_KEY: &str = "app.first_run_done";

/// The published 2019 report of 梅河口市 as scraped from its website, page chrome
/// and real defects included: what offices start from.
const SAMPLE_NAME: &str = "meihekou-2019-web.txt";
const SAMPLE: &[u8] = include_bytes!("../../assets/samples/meihekou-2019-web.txt");

/// Opens the library named by `$FAZHI_DB` or the platform data directory.
pub fn open_library() -> Result<(Store, String), fazhi_core::Error> {
    let path = store::default_path();
    let store = Store::open(&path)?;
    Ok((store, path.display().to_string()))
}

/// On the first launch with an empty library: the sample report, imported.
/// Done once; a user who deletes every report is not given it again.
pub fn seed_first_run(store: &mut Store) -> Result<Vec<String>, fazhi_core::Error> {
    if store.setting(FIRST_RUN_KEY)?.is_some() {
        return Ok(Vec::new());
    }
    let mut notices = Vec::new();
    if store.report_count()? == 0 {
        match fazhi_import::import_bytes(SAMPLE_NAME, SAMPLE, &ImportOptions::default()) {
            Ok(imported) => {
                let report = store.create_from_document(imported.document)?;
                notices.push(format!("已导入示例报告：{}", report.title));
            }
            Err(e) => notices.push(format!("示例报告未能导入：{e}")),
        }
    }
    store.set_setting(FIRST_RUN_KEY, "1")?;
    Ok(notices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::Role;

    #[test]
    fn first_run_imports_the_sample_once() {
        let mut s = Store::open_in_memory().unwrap();
        let notices = seed_first_run(&mut s).unwrap();
        assert!(notices[0].starts_with("已导入示例报告"), "{notices:?}");
        let list = s.list_reports(None).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].year, 2019);
        assert!(list[0].issuer.contains("梅河口市"));
        let doc = s.get_report(&list[0].id).unwrap().document;
        assert_eq!(doc.parts.len(), 4);
        assert_eq!(doc.part(Role::Measures).unwrap().sections.len(), 8);
        s.delete_report(&list[0].id).unwrap();
        assert!(seed_first_run(&mut s).unwrap().is_empty());
        assert_eq!(s.report_count().unwrap(), 0);
    }
}
