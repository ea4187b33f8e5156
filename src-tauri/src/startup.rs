//! What happens before the window opens: find and open the library, and on the
//! very first launch give the user a report to look at.

use fazhi_core::store::{self, NewReport};
use fazhi_core::Store;

const FIRST_RUN_KEY: &str = "app.first_run_done";

/// Opens the library named by `$FAZHI_DB` or the platform data directory.
pub fn open_library() -> Result<(Store, String), fazhi_core::Error> {
    let path = store::default_path();
    let store = Store::open(&path)?;
    Ok((store, path.display().to_string()))
}

/// On the first launch with an empty library: the 2019 report of 梅河口市人民政府.
/// Done once; a user who deletes every report is not given it again.
pub fn seed_first_run(store: &mut Store) -> Result<Vec<String>, fazhi_core::Error> {
    if store.setting(FIRST_RUN_KEY)?.is_some() {
        return Ok(Vec::new());
    }
    let mut notices = Vec::new();
    if store.report_count()? == 0 {
        let created = store.create_report(&NewReport {
            issuer: "梅河口市人民政府".into(),
            year: 2019,
            template_id: None,
            include_optional: false,
        })?;
        notices.extend(created.notices);
        notices.push(format!("已为您新建示例报告：{}", created.report.title));
    }
    store.set_setting(FIRST_RUN_KEY, "1")?;
    Ok(notices)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_run_seeds_once() {
        let mut s = Store::open_in_memory().unwrap();
        let notices = seed_first_run(&mut s).unwrap();
        assert!(!notices.is_empty());
        assert_eq!(s.report_count().unwrap(), 1);
        let id = s.list_reports(None).unwrap()[0].id.clone();
        s.delete_report(&id).unwrap();
        assert!(seed_first_run(&mut s).unwrap().is_empty());
        assert_eq!(s.report_count().unwrap(), 0);
    }
}
