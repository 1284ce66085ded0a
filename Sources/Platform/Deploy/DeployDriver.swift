import Foundation
import Model

/// What runs components: the embedded platform's `LocalDriver` runs them as processes on this
/// machine; a Kubernetes driver would apply their manifests. The API calls it after each change
/// is stored, and the driver reports back through the store's statuses and events.
package protocol DeployDriver: Sendable {
    /// The component was created or its spec replaced: bring what runs in line with it.
    func apply(application: String, namespace: String, component: Component) async
    /// The component was deleted: stop it and remove what it left (logs, routes).
    func remove(application: String, component: String) async
    /// The application was deleted: everything of it goes.
    func removeApplication(_ application: String) async
    /// `start`, `stop` or `restart`; false when this driver does not run the component.
    func perform(_ action: ComponentAction, application: String, namespace: String, component: Component) async -> Bool
    /// The file the component's log is written to; nil when this driver keeps none.
    func logURL(application: String, component: String) async -> URL?
    /// The loopback port a running ML component serves on (for the API-component route).
    func servicePort(application: String, component: String) async -> Int?
    /// Stops everything (the platform is shutting down).
    func shutdown() async

    /// Starts a run of a pipeline over input files of the caller's (see `PipelineRunner`).
    func startRun(application: String, pipeline: Component, inputs: [String: BoxPath], user: String,
                  boxes: [String: DataBoxSpec]) async throws(RunRefusal) -> PipelineRunRecord
    func runs(application: String, pipeline: String) async -> [PipelineRunRecord]
    func run(application: String, pipeline: String, id: String) async -> PipelineRunRecord?
    func cancelRun(application: String, pipeline: String, id: String) async -> CancelOutcome
    /// The file a run's log is written to; nil for a run that has none.
    func runLogURL(application: String, pipeline: String, id: String) async -> URL?

    /// A request through an API component's route, for its metrics.
    func recordRoute(application: String, namespace: String, api: String, status: Int, seconds: Double) async
    /// Per-component series in the Prometheus text format, with cAdvisor's, kube-state-metrics' and
    /// ingress-nginx's names and labels, so that one PromQL serves here and on the cluster.
    func metricsExposition() async -> String
}

package enum ComponentAction: String, Sendable, CaseIterable {
    case start, stop, restart
}

/// A platform that only stores specs (`serve --no-run`): nothing runs, statuses stay as stored.
package struct NoDriver: DeployDriver {
    package init() {}
    package func apply(application: String, namespace: String, component: Component) async {}
    package func remove(application: String, component: String) async {}
    package func removeApplication(_ application: String) async {}
    package func perform(_ action: ComponentAction, application: String, namespace: String, component: Component) async -> Bool { false }
    package func logURL(application: String, component: String) async -> URL? { nil }
    package func servicePort(application: String, component: String) async -> Int? { nil }
    package func shutdown() async {}
    package func startRun(application: String, pipeline: Component, inputs: [String: BoxPath], user: String,
                          boxes: [String: DataBoxSpec]) async throws(RunRefusal) -> PipelineRunRecord {
        throw .notRunHere("this platform does not run components (serve --driver local does)")
    }
    package func runs(application: String, pipeline: String) async -> [PipelineRunRecord] { [] }
    package func run(application: String, pipeline: String, id: String) async -> PipelineRunRecord? { nil }
    package func cancelRun(application: String, pipeline: String, id: String) async -> CancelOutcome { .notFound }
    package func runLogURL(application: String, pipeline: String, id: String) async -> URL? { nil }
    package func recordRoute(application: String, namespace: String, api: String, status: Int, seconds: Double) async {}
    package func metricsExposition() async -> String { "" }
}
