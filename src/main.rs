fn main() -> std::process::ExitCode {
    guifan::cli::main()
}
