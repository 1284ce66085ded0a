import Client
import Dashboards
import Foundation
import Model
import TerminalUI

/// What the cabinet is connected to and how it should speak.
public struct CabinetEnvironment: Sendable {
    public var language: Language
    public var client: PlatformClient
    public var cache: JSONCache
    /// Shown in the top bar: which platform (profile) this is.
    public var profile: String
    public var user: String
    /// How often fresh data is fetched while online.
    public var refreshInterval: Duration
    /// How soon a failed request is tried again, so the cabinet reconnects by itself.
    public var retryInterval: Duration
    /// How often, while online, the platform is asked whether it is still there, so that the top
    /// bar turns offline within about this long of it going away.
    public var heartbeatInterval: Duration
    /// How long a heartbeat waits for `/healthz`: a platform that accepts the connection but does
    /// not answer (stopped, swapping, a stalled link) is unreachable once this passes, rather than
    /// after a whole request timeout. Interval plus timeout stay under the 2 s the top bar promises.
    public var heartbeatTimeout: Duration = .milliseconds(600)
    public var theme: Theme
    public var keymap: Keymap
    /// Problems found while starting (a bad theme or keymap file), shown in the status bar.
    public var startupNotices: [String]
    /// Why the cache cannot be written, found at the start: said then, in the user's language,
    /// and not again at every write.
    public var cacheProblem: String?
    /// The dashboards `:dashboards` opens (shipped and the user's).
    public var dashboards: [Dashboard] = []
    /// Where the series are (VictoriaMetrics or Prometheus); nil: the dashboards say how to set one.
    public var metrics: MetricsClient?
    /// Where `:theme NAME` finds themes, and their names (for the command line's Tab); nil: only
    /// the theme the cabinet started with.
    public var themes: ThemeLoader?
    public var themeNames: [String] = []
    /// The shell command of the user's editor (`e` on a component's manifest): $VISUAL, $EDITOR, vi.
    public var editor: String = ExternalProgram.editorCommand(environment: ProcessInfo.processInfo.environment)

    public init(language: Language, client: PlatformClient, cache: JSONCache, profile: String, user: String,
                theme: Theme, keymap: Keymap, startupNotices: [String] = [],
                refreshInterval: Duration = .seconds(30), retryInterval: Duration = .seconds(2),
                heartbeatInterval: Duration = .seconds(1)) {
        self.heartbeatInterval = heartbeatInterval
        self.theme = theme
        self.keymap = keymap
        self.startupNotices = startupNotices
        self.language = language
        self.client = client
        self.cache = cache
        self.profile = profile
        self.user = user
        self.refreshInterval = refreshInterval
        self.retryInterval = retryInterval
    }
}
