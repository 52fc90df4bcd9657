/*
 * Test-only stand-in for Windows' bcryptprimitives.dll, for running shinkyu.exe under Wine 8
 * in CI. Rust's standard library imports ProcessPrng from bcryptprimitives.dll; Windows 10/11
 * ship it, Wine 8 (Debian 12) does not, so every Rust program exits at once under Wine.
 * This forwards to advapi32's RtlGenRandom (SystemFunction036), which Wine has.
 * It is never shipped to users.
 */
#include <windows.h>

typedef BOOLEAN (WINAPI *RtlGenRandomFn)(PVOID, ULONG);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    static RtlGenRandomFn gen = NULL;
    if (!gen) {
        HMODULE advapi = LoadLibraryA("advapi32.dll");
        if (!advapi)
            return FALSE;
        gen = (RtlGenRandomFn)GetProcAddress(advapi, "SystemFunction036");
        if (!gen)
            return FALSE;
    }
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!gen(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
