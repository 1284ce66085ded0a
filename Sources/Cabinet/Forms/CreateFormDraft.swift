import Client
import Model
import TerminalUI

/// The create form's draft, as last saved: it outlives the form and the session (its cache file),
/// so a half-filled form comes back as it was left.
struct CreateFormDraft: Sendable {
    private(set) var draft: ApplicationDraft?
    private var sequence = 0
    private let writer = DraftWriter()

    /// The draft read from its cache file at start; one typed meanwhile wins.
    mutating func loaded(_ saved: ApplicationDraft) {
        if draft == nil { draft = saved }
    }

    /// Keeps `new` (nil: the application was created) and writes it to the cache, the writes in
    /// order; a failed write comes back as a notice.
    /// A failure is said with `label`; nil when the cache is already known not to be kept (said once at the start).
    mutating func save(_ new: ApplicationDraft?, cache: JSONCache, label: String?) -> Command<CabinetApp.Message> {
        draft = new
        sequence += 1
        let (sequence, writer) = (sequence, writer)
        return .run {
            guard let problem = await writer.save(new, sequence: sequence, cache: cache), let label else { return nil }
            return .notice("\(label): \(problem)")
        }
    }
}
