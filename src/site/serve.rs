//! `guifan serve` (written after the build works).
pub fn run(_: &super::Options, _: std::net::IpAddr, _: u16) -> Result<(), String> {
    Err("not yet".into())
}
