//! 设置 → 字体: the font chosen per role (标题 小标宋, 正文 仿宋, 一级标题 黑体, 二级标题
//! 楷体, 页码 宋体), from the fonts installed on this machine or 内置. The choice lives in
//! the library's settings ([`fazhi_pdf::choice`]) and is made the process's fonts
//! ([`fazhi_pdf::set_chosen_fonts`]), so the export, the print and 打印预览 all use it.

use fazhi_core::Store;
use fazhi_pdf::choice::{self, Choice, Slot};
use fazhi_pdf::system;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppError, CmdResult};
use crate::App;

/// One role and its font.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FontRoleSetting {
    /// `title`, `body`, `heading1`, `heading2`, `page_number`
    pub role: String,
    /// 标题, 正文…
    pub label: String,
    /// The standard's face for the role: 小标宋, 仿宋…
    pub style: String,
    /// The chosen family; `None`: 内置.
    pub choice: Option<String>,
    /// The family really used (`None`: 内置, also when the chosen one is gone).
    pub in_use: Option<String>,
}

/// An installed family that can be chosen.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InstalledFont {
    pub family: String,
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FontSettings {
    pub roles: Vec<FontRoleSetting>,
    pub installed: Vec<InstalledFont>,
    /// Chosen fonts gone from this machine (the export uses 内置 for them).
    pub warnings: Vec<String>,
}

/// Resolves the library's choice and makes it the process's fonts; its warnings.
pub(crate) fn apply(store: &Store) -> Vec<String> {
    match choice::resolve_store(store) {
        Ok(r) => fazhi_export::use_resolved_fonts(&r),
        Err(_) => {
            fazhi_pdf::set_chosen_fonts(None);
            fazhi_export::set_font_names(&[]);
            Vec::new()
        }
    }
}

fn settings(store: &Store, installed: Vec<system::InstalledFace>) -> CmdResult<FontSettings> {
    let choices = choice::load(store).map_err(AppError::from)?;
    let resolved =
        choice::resolve_store(store).map_err(|e| AppError::new("fonts", e.to_string()))?;
    let warnings = apply(store);
    Ok(FontSettings {
        roles: Slot::ALL
            .iter()
            .map(|&s| FontRoleSetting {
                role: s.key().into(),
                label: s.label().into(),
                style: s.style().into(),
                choice: choices
                    .iter()
                    .find(|(c, _)| *c == s)
                    .map(|(_, c)| c.family.clone()),
                in_use: resolved.family(s).map(String::from),
            })
            .collect(),
        installed: installed
            .into_iter()
            .map(|f| InstalledFont {
                family: f.family,
                names: f.names,
            })
            .collect(),
        warnings,
    })
}

impl App {
    /// 设置 → 字体: each role's font and the installed candidates.
    pub fn font_settings(&self) -> CmdResult<FontSettings> {
        let installed = system::installed();
        settings(&self.store_guard(), installed)
    }

    /// Chooses `family` (an installed family's name; `None`: 内置) for `role`.
    pub fn set_font(&self, role: String, family: Option<String>) -> CmdResult<FontSettings> {
        let slot = Slot::parse(&role)
            .ok_or_else(|| AppError::new("bad_role", format!("未知的字体用途“{role}”")))?;
        let installed = system::installed();
        let chosen = match family.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
            None => None,
            Some(f) => {
                let face = system::find(&installed, f).ok_or_else(|| {
                    AppError::new("font_not_installed", format!("本机没有安装字体“{f}”"))
                })?;
                Some(Choice {
                    family: face.family.clone(),
                    path: face.path.clone(),
                    index: face.index,
                })
            }
        };
        let mut store = self.store_guard();
        choice::save(&mut store, slot, chosen.as_ref()).map_err(AppError::from)?;
        settings(&store, installed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::NoWindow;

    #[test]
    fn every_role_is_listed_and_an_unknown_font_or_role_is_refused_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::start(dir.path().join("lib.sqlite3"), Box::new(NoWindow));
        let s = app.font_settings().unwrap();
        let roles: Vec<&str> = s.roles.iter().map(|r| r.role.as_str()).collect();
        assert_eq!(
            roles,
            ["title", "body", "heading1", "heading2", "page_number"]
        );
        assert!(
            s.roles.iter().all(|r| r.in_use.is_none()),
            "内置 by default"
        );
        let e = app
            .set_font("body".into(), Some("没有这种字体".into()))
            .unwrap_err();
        assert!(e.message.contains("没有安装字体"), "{}", e.message);
        assert!(app.set_font("footer".into(), None).is_err());
        // Back to 内置 is always possible.
        let s = app.set_font("正文".into(), None).unwrap();
        assert!(s.roles[1].choice.is_none());
    }
}
