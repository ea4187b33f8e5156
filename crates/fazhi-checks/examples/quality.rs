//! `make quality`: the checks measured on the real-text corpus
//! (tests/fixtures/corpus): recall per annotation group and false alarms per
//! 2,000 characters. `cargo run -p fazhi-checks --example quality`.

#[path = "../tests/support/corpus.rs"]
#[expect(dead_code, reason = "group_recall is for the guard test")]
mod corpus;

fn main() {
    corpus::measure().print("真实报告语料");
}
