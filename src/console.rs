//! The Windows console. shinkyu.exe is a Windows-GUI program, so starting the editor shows no
//! console window; the batch subcommands (`check`, `export` …) attach to the console of the
//! command prompt they were started from, so their output appears there.

/// Attaches to the parent process's console if the standard streams go nowhere. Does nothing
/// on other systems, or when output is redirected to a file or a pipe.
#[cfg(windows)]
pub fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
    };
    // SAFETY: plain Win32 calls without pointers; failure is harmless (nothing is printed).
    unsafe {
        let out = GetStdHandle(STD_OUTPUT_HANDLE);
        let err = GetStdHandle(STD_ERROR_HANDLE);
        if out.is_null() && err.is_null() {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

/// Attaches to the parent process's console (Windows only; a no-op here).
#[cfg(not(windows))]
pub fn attach_parent_console() {}
