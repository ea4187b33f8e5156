# Sourced by the scripts that run cargo (test, package, bench): settings every cargo
# invocation of the project shares, so that they reuse each other's artifacts.
#
# Build scripts and proc-macros (and the crates they use, syn, serde_derive, the tauri
# macros…) are compiled with `[profile.dev.build-override]`, which by default has no
# debug info, while `cargo test` unifies a host crate that is also a normal dependency
# into one copy with the dev profile's `line-tables-only`. The two profiles then differ,
# so `cargo clippy` (where normal dependencies are only checked) and `cargo test` each
# built ~210 host crates and ran ~23 build scripts of their own. With the same debug info
# for both they share all 302 compiled host units and 74 build-script runs; clippy alone
# then only type-checks (313 metadata-only units). Counted with `cargo --unit-graph`.
# Set here and in the Makefile, not in Cargo.toml, so it can be overridden.
: "${CARGO_PROFILE_DEV_BUILD_OVERRIDE_DEBUG:=line-tables-only}"
export CARGO_PROFILE_DEV_BUILD_OVERRIDE_DEBUG
