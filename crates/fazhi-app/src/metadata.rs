//! The 报告信息 panel's checks ([official] #16, [polish] #20): each metadata field is
//! checked where it is typed, with the core's rule and its Chinese reason, so that
//! one wrong field is shown beside itself instead of stopping the whole report's
//! save; and 成文日期 is typed as people write dates.

use fazhi_core::{dates, validate};

use crate::error::{AppError, CmdResult};
use crate::App;

impl App {
    /// Why `value` is not acceptable for metadata `field` (its JSON name, e.g.
    /// `doc_number`, `date` as ISO), or `None` when it is.
    pub fn check_field(&self, field: String, value: String) -> CmdResult<Option<String>> {
        Ok(validate::check_field(&field, &value)
            .err()
            .map(|e| e.to_string()))
    }

    /// A typed date (2020年3月13日, 2020-03-13, 2020.3.13, 2020/3/13) as ISO; a
    /// Chinese reason when it is no date.
    pub fn parse_date(&self, text: String) -> CmdResult<String> {
        dates::parse_input(&text).map_err(|reason| AppError::new("bad_date", reason))
    }
}

#[cfg(test)]
mod tests {
    use crate::{App, NoWindow};

    fn app() -> (App, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let app = App::start(dir.path().join("library.sqlite3"), Box::new(NoWindow));
        (app, dir)
    }

    #[test]
    fn fields_are_checked_one_by_one_with_the_reason() {
        let (a, _dir) = app();
        assert_eq!(
            a.check_field("doc_number".into(), "梅政发〔2020〕1号".into())
                .unwrap(),
            None
        );
        let why = a
            .check_field("doc_number".into(), "梅政发(2020)1号".into())
            .unwrap()
            .unwrap();
        assert!(why.contains("六角括号"), "{why}");
        assert!(a
            .check_field("date".into(), "2019-02-29".into())
            .unwrap()
            .is_some());
    }

    #[test]
    fn dates_as_typed() {
        let (a, _dir) = app();
        for s in ["2020年3月13日", "2020-03-13", "2020.3.13", "2020/3/13"] {
            assert_eq!(a.parse_date(s.into()).unwrap(), "2020-03-13");
        }
        let e = a.parse_date("2020-02-30".into()).unwrap_err();
        assert_eq!(e.message, "2020年2月没有30日");
    }
}
