//! The `dossier` command. Everything lives in the library; see `dossier::cli`.

fn main() {
    std::process::exit(dossier::cli::run());
}
