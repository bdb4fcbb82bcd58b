import Metrics
import Prometheus
import Synchronization

/// The process's Prometheus registry. swift-metrics has one global backend per process, bootstrapped here the
/// first time it is needed (by `hub serve` or by a test building an application).
public enum HubMetrics {
    private static let bootstrapped = Mutex(false)
    public static let registry = PrometheusCollectorRegistry()

    public static func bootstrapIfNeeded() {
        bootstrapped.withLock { done in
            guard !done else { return }
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.defaultDurationHistogramBuckets = [
                .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                .milliseconds(2500), .seconds(5), .seconds(10),
            ]
            MetricsSystem.bootstrap(factory)
            done = true
        }
    }
}
