//! `dossier server`, `dossier completions` and `dossier man`: dossier where
//! text is written, from the one command-line definition.

use std::io::{self, Write};

use clap::CommandFactory;

use super::{error, Cli, CompletionsArgs, Exit, ManArgs};

pub fn server() -> Exit {
    match crate::server::run_stdio() {
        Ok(crate::server::Ended::Shutdown) => Exit::Clean,
        // The protocol's code for `exit` without `shutdown`.
        Ok(crate::server::Ended::ExitWithoutShutdown) => Exit::Findings,
        Err(e) => {
            error(format!("server: {e}"));
            Exit::Failure
        }
    }
}

pub fn completions(args: &CompletionsArgs) -> Exit {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "dossier", &mut io::stdout().lock());
    Exit::Clean
}

pub fn man(args: &ManArgs) -> Exit {
    let cmd = Cli::command().version(crate::VERSION);
    let written = match &args.dir {
        None => {
            let mut out = io::stdout().lock();
            clap_mangen::Man::new(cmd).render(&mut out).and_then(|_| out.flush())
        }
        Some(dir) => std::fs::create_dir_all(dir).and_then(|_| clap_mangen::generate_to(cmd, dir)),
    };
    match written {
        Ok(()) => Exit::Clean,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Clean,
        Err(e) => {
            error(format!("cannot write the manual: {e}"));
            Exit::Failure
        }
    }
}
