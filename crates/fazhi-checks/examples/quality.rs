//! `make quality`: the checks measured on the real-text corpus
//! (tests/fixtures/corpus): recall per annotation group and false alarms per
//! 2,000 characters, on the report openings, on the second set of 30 other
//! reports (corpus/set2), and on both together.
//! `cargo run -p fazhi-checks --example quality [-- --all]` (`--all` also lists
//! the findings that matched an annotation, so that every finding can be read).

#[path = "../tests/support/corpus.rs"]
#[expect(dead_code, reason = "group_recall is for the guard test")]
mod corpus;

fn main() {
    let all = std::env::args().any(|a| a == "--all");
    let openings = corpus::measure();
    openings.print("真实报告开头（corpus/*.txt）");
    if all {
        openings.print_hits();
    }
    println!();
    let set2 = corpus::measure_set2();
    set2.print("真实报告第二组（corpus/set2）");
    if all {
        set2.print_hits();
    }
    println!();
    let set3 = corpus::measure_set3();
    set3.print("真实报告第三组（corpus/set3，留出）");
    if all {
        set3.print_hits();
    }
    println!();
    openings
        .plus(set2)
        .plus(set3)
        .print("合计（召回率按全部标注，误报按全部字数）");
}
