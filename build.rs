//! Embeds the Windows icon and version information into shinkyu.exe. Does nothing for other
//! targets. Cross builds from Linux use mingw-w64's windres (x86_64-w64-mingw32-windres).

fn main() {
    println!("cargo:rerun-if-changed=assets/shinkyu.ico");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = env!("CARGO_PKG_VERSION");
    let mut parts = version
        .split('.')
        .map(|p| p.parse::<u64>().unwrap_or(0))
        .chain(std::iter::repeat(0));
    let packed = (parts.next().unwrap() << 48)
        | (parts.next().unwrap() << 32)
        | (parts.next().unwrap() << 16);
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/shinkyu.ico")
        .set("ProductName", "shinkyu（新旧）")
        .set("FileDescription", "shinkyu 新旧対照表エディタ")
        .set("CompanyName", "shinkyu")
        .set("LegalCopyright", "shinkyu developers")
        .set("OriginalFilename", "shinkyu.exe")
        .set("ProductVersion", version)
        .set("FileVersion", version)
        .set_version_info(winresource::VersionInfo::PRODUCTVERSION, packed)
        .set_version_info(winresource::VersionInfo::FILEVERSION, packed)
        // 0x0411 = Japanese.
        .set_language(0x0411);
    if let Err(e) = res.compile() {
        panic!("could not embed the Windows resources (is mingw-w64's windres installed?): {e}");
    }
}
