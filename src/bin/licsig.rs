//! The installed `licsig` command (`cargo install licsig --features cli`). Its code is
//! `examples/licsig.rs`, which `cargo run --example licsig` runs as well: one source.

#[path = "../../examples/licsig.rs"]
mod command;

fn main() -> std::process::ExitCode {
    command::main()
}
