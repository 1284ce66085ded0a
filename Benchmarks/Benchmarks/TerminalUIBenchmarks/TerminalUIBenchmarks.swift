import Benchmark
import Glibc
import TableFixture
import TerminalUI

/// Cells that `Terminal.draw` handed to the backend in one iteration (what a real terminal would get).
private let cellsWritten = BenchmarkMetric.custom("cells written", polarity: .prefersSmaller, useScalingFactor: false)
/// This thread's CPU time for the step, in nanoseconds. The built-in CPU metrics read /proc/self/stat,
/// whose 10 ms ticks cannot resolve a 1 ms step (they show 0 or 10,000 μs).
private let threadCPU = BenchmarkMetric.custom("thread CPU (ns)", polarity: .prefersSmaller, useScalingFactor: false)

private func threadCPUNanoseconds() -> Int {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return time.tv_sec * 1_000_000_000 + time.tv_nsec
}

private func configuration(maxIterations: Int, setup: @escaping Benchmark.BenchmarkSetupHook) -> Benchmark.Configuration {
    .init(
        metrics: [.wallClock, .cpuTotal, threadCPU, .mallocCountTotal, .throughput, cellsWritten],
        timeUnits: .microseconds,
        warmupIterations: 10,
        maxDuration: .seconds(5),
        maxIterations: maxIterations,
        setup: setup)
}

/// Measures one `step` exactly (the bookkeeping around it stays outside the measured region) and
/// records its thread CPU time and the cells it wrote to `backend`.
private func measure(_ benchmark: Benchmark, backend: MemoryBackend, _ step: () -> Void) {
    let cells = backend.writtenCellCount
    benchmark.startMeasurement()
    let start = threadCPUNanoseconds()
    step()
    let end = threadCPUNanoseconds()
    benchmark.stopMeasurement()
    benchmark.measurement(threadCPU, end - start)
    benchmark.measurement(cellsWritten, backend.writtenCellCount - cells)
}

/// Every iteration is exactly what a key press costs in the cabinet: `Terminal.draw` renders a full
/// 200×50 frame into a fresh `Buffer`, diffs it against the previous frame and writes the changed
/// cells to a `MemoryBackend` (the real backend's cost is measured in bytes by TerminalBytes).
let benchmarks: @Sendable () -> Void = {
    let rows = TableFixture.rows()

    let moveBackend = MemoryBackend(width: TableFixture.width, height: TableFixture.height)
    let move = SelectionScenario(backend: moveBackend, rows: rows)
    Benchmark(
        "render+diff 200x50, 10k-row table, one selection move",
        configuration: configuration(maxIterations: 10_000) { move.draw() }
    ) { benchmark in
        measure(benchmark, backend: moveBackend) { move.moveWithinPage() }
    }

    let scrollBackend = MemoryBackend(width: TableFixture.width, height: TableFixture.height)
    let scroll = SelectionScenario(backend: scrollBackend, rows: rows)
    Benchmark(
        "render+diff 200x50, 10k-row table, one-row scroll",
        configuration: configuration(maxIterations: 4_000) { scroll.scrollDown() }
    ) { benchmark in
        measure(benchmark, backend: scrollBackend) { scroll.scrollDown() }
    }

    let stillBackend = MemoryBackend(width: TableFixture.width, height: TableFixture.height)
    let still = SelectionScenario(backend: stillBackend, rows: rows)
    Benchmark(
        "render+diff 200x50, 10k-row table, unchanged frame",
        configuration: configuration(maxIterations: 10_000) {
            still.draw()
            let (cells, flushes) = (stillBackend.writtenCellCount, stillBackend.flushCount)
            still.draw()
            let written = stillBackend.writtenCellCount - cells
            precondition(written == 0 && stillBackend.flushCount == flushes, "an unchanged frame wrote \(written) cells")
            print("unchanged frame: \(written) cells written, \(stillBackend.flushCount - flushes) flushes")
        }
    ) { benchmark in
        measure(benchmark, backend: stillBackend) { still.draw() }
    }
}
