fn main() {
    // Generates one permission per app command; capabilities/default.json allows
    // exactly these and nothing else.
    let attrs = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(fazhi_studio_commands::COMMANDS));
    tauri_build::try_build(attrs).expect("tauri build script");
}

#[path = "src/command_list.rs"]
mod fazhi_studio_commands;
