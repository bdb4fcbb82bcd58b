import Foundation
import HubServer
import HubTracker

// Before any thread allocates: one heap arena per core, so what a phase frees is there for the next (``HeapMemory``).
HeapMemory.limitArenas(to: ProcessInfo.processInfo.activeProcessorCount)

await HubCommand.runFromCommandLine()
