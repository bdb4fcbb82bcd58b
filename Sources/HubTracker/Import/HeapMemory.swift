#if canImport(Glibc)
import Glibc
#endif

/// The C heap's hold on memory the import has let go. glibc's allocator gives each thread that allocates an arena of
/// its own (up to eight per core) and keeps what is freed in it for that arena's next allocations: the events and
/// indexes a first load lets go on one thread stay resident while the cleansing and linking threads take fresh pages
/// in theirs: on a million-record first load, limiting the arenas alone took the peak from 1,626 to 1,442 MiB
/// (Benchmarks/linkage/README.md). Both calls
/// reach glibc's `mallopt` and `malloc_trim` (`malloc.h`, which Swift's Glibc module does not export) by name; where
/// they are missing (another C library) they do nothing.
public enum HeapMemory {
    /// Limits the allocator to `arenas` arenas (call once, early, before threads start allocating).
    public static func limitArenas(to arenas: Int) {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let mallopt = symbol("mallopt", as: Mallopt.self) else { return }
        let arenaMaximum: Int32 = -8  // M_ARENA_MAX
        _ = mallopt(arenaMaximum, Int32(max(1, arenas)))
        #endif
    }

    /// Hands the whole free pages of every arena back to the system (after a phase has let go of a large structure).
    public static func returnFreedPages() {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let trim = symbol("malloc_trim", as: MallocTrim.self) else { return }
        _ = trim(0)
        #endif
    }

    #if canImport(Glibc)
    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let address = dlsym(nil, name) else { return nil }  // nil: RTLD_DEFAULT, the process's global symbols
        return unsafeBitCast(address, to: type)
    }
    #endif
}
