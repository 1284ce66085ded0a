/// What has been typed into the create form so far. Saved to the cache directory on every change,
/// so that it survives Esc, a crash and a restart; removed once the application exists. Not a
/// request: what is sent is the `NewApplication` (Model) made from it on submit.
public struct ApplicationDraft: Codable, Equatable, Sendable {
    var team: String?
    var template: String?
    var name = ""
    var slug = ""
    /// Once the user edits the slug it stops following the name.
    var slugEdited = false
    var description = ""

    static let cacheKey = "draft.create-application"
}
