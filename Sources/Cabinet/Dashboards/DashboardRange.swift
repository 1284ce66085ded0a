/// The time ranges a dashboard can show, chosen with the keys 1 to 5.
public enum DashboardRange: Int, CaseIterable, Sendable {
    case fifteenMinutes = 900
    case hour = 3600
    case sixHours = 21_600
    case day = 86_400
    case week = 604_800

    public var seconds: Int { rawValue }

    public var label: String {
        switch self {
        case .fifteenMinutes: "15m"
        case .hour: "1h"
        case .sixHours: "6h"
        case .day: "24h"
        case .week: "7d"
        }
    }

    /// The key that selects it: "1" for 15 minutes … "5" for a week.
    public var key: Character {
        Character(String(Self.allCases.firstIndex(of: self)! + 1))
    }

    public init?(key: Character) {
        guard let digit = key.wholeNumberValue, (1...Self.allCases.count).contains(digit) else { return nil }
        self = Self.allCases[digit - 1]
    }
}
