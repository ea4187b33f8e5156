//! The UI's `bindings/commands.ts`, generated from the command table: one typed
//! function per command, so the TypeScript side cannot name a command the
//! table does not have, nor pass it arguments of another shape.

use std::collections::BTreeSet;

use ts_rs::{Config, Dependency, TypeVisitor, TS};

/// A command's shape, as the table declares it.
pub struct CommandSig {
    pub name: &'static str,
    pub args: Vec<(&'static str, TsType)>,
    pub ret: TsType,
}

/// A Rust type as TypeScript: its expression and the binding files it needs.
pub struct TsType {
    pub expr: String,
    pub imports: BTreeSet<(String, String)>,
}

fn config() -> Config {
    // i64 ids and versions are well inside JavaScript's exact integers.
    Config::new().with_large_int("number")
}

struct Collect<'a> {
    cfg: &'a Config,
    out: BTreeSet<(String, String)>,
}

impl TypeVisitor for Collect<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if let Some(d) = Dependency::from_ty::<T>(self.cfg) {
            self.out.insert(import_of(&d));
        }
        T::visit_generics(self);
    }
}

fn import_of(d: &Dependency) -> (String, String) {
    let path = d.output_path.to_string_lossy();
    let module = path.strip_suffix(".ts").unwrap_or(&path).to_string();
    (d.ts_name.clone(), module)
}

impl TsType {
    pub fn of<T: TS + 'static>() -> TsType {
        let cfg = config();
        let mut c = Collect {
            cfg: &cfg,
            out: BTreeSet::new(),
        };
        c.visit::<T>();
        T::visit_dependencies(&mut c);
        TsType {
            expr: T::name(&cfg),
            imports: c.out,
        }
    }
}

fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for ch in name.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// The text of `ui/src/bindings/commands.ts`.
pub fn typescript(commands: &[CommandSig]) -> String {
    let mut imports = BTreeSet::new();
    for c in commands {
        imports.extend(c.ret.imports.iter().cloned());
        for (_, t) in &c.args {
            imports.extend(t.imports.iter().cloned());
        }
    }
    // Only what the signatures name: the UI compiles with noUnusedLocals.
    let body = functions(commands);
    let used = |name: &str| {
        body.match_indices(name).any(|(i, _)| {
            let before = body[..i].chars().next_back();
            let after = body[i + name.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    };
    imports.retain(|(name, _)| used(name));
    let mut out = String::from(
        "// Generated from the command table (crates/fazhi-app/src/table.rs) by `cargo test`. Do not edit.\n\
         import { call } from \"../ipc\";\n",
    );
    for (name, module) in &imports {
        out.push_str(&format!("import type {{ {name} }} from \"./{module}\";\n"));
    }
    out.push_str(&body);
    out
}

fn functions(commands: &[CommandSig]) -> String {
    let mut out = String::from("\n/** Every IPC command, typed. */\nexport const commands = {\n");
    for c in commands {
        let params: Vec<String> = c
            .args
            .iter()
            .map(|(n, t)| format!("{}: {}", camel(n), t.expr))
            .collect();
        let names: Vec<String> = c.args.iter().map(|(n, _)| camel(n)).collect();
        let payload = if names.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", names.join(", "))
        };
        out.push_str(&format!(
            "  {}: ({}): Promise<{}> => call(\"{}\"{}),\n",
            camel(c.name),
            params.join(", "),
            c.ret.expr,
            c.name,
            payload
        ));
    }
    out.push_str("};\n\n/** The command names, as the Rust table lists them. */\nexport const COMMAND_NAMES = [\n");
    for c in commands {
        out.push_str(&format!("  \"{}\",\n", c.name));
    }
    out.push_str("] as const;\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_camel_case() {
        assert_eq!(camel("save_report_with_anchors"), "saveReportWithAnchors");
        assert_eq!(camel("id"), "id");
    }

    /// Writes `ui/src/bindings/commands.ts` (as ts-rs writes the types beside
    /// it); `scripts/check-bindings.sh` fails the suite when the committed copy
    /// differs.
    #[test]
    fn export_bindings_commands() {
        let text = typescript(&crate::table::signatures());
        assert!(text.contains("saveReport: (id: string, expectedVersion: number | null, document: Document): Promise<Saved> => call(\"save_report\", { id, expectedVersion, document }),"), "{text}");
        assert!(text.contains("import type { ReportSummary } from \"./ReportSummary\";"));
        assert!(
            text.contains("deleteReport: (id: string): Promise<null> =>"),
            "{text}"
        );
        let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "bindings".into());
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let path = root.join(dir).join("commands.ts");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
}
