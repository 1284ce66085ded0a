/// A team's quota as the platform reports it: per resource what is used and, when it is limited,
/// the hard limit (cpu in millicores, memory and storage in bytes, the rest as counts).
public struct QuotaReport: Codable, Equatable, Sendable {
    public struct Reading: Codable, Equatable, Sendable {
        public var resource: QuotaResource
        /// nil when the resource is not limited.
        public var hard: Int64?
        public var used: Int64
        public init(resource: QuotaResource, hard: Int64?, used: Int64) {
            self.resource = resource
            self.hard = hard
            self.used = used
        }
    }

    public var team: String
    public var readings: [Reading]

    public init(team: String, readings: [Reading]) {
        self.team = team
        self.readings = readings
    }

    public subscript(resource: QuotaResource) -> Reading? {
        readings.first { $0.resource == resource }
    }
}
