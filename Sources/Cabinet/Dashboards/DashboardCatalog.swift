import Client
import Model

/// The dashboard screen's words (GLOSSARY.md: Дашборды, Метрики, нет данных).
extension Catalog {
    static let dashboards = LocalizedText(ru: "Дашборды", en: "Dashboards")
    static let dashboardRange = LocalizedText(ru: "период", en: "range")
    static let dashboardRefreshEvery = LocalizedText(ru: "обновление", en: "refresh")
    static let dashboardRefreshManual = LocalizedText(ru: "вручную", en: "manual")
    static let dashboardPartial = LocalizedText(ru: "данные неполные", en: "partial data")
    static let dashboardSeries = LocalizedText(ru: "рядов", en: "series")
    static let dashboardMinimum = LocalizedText(ru: "мин", en: "min")
    static let dashboardMaximum = LocalizedText(ru: "макс", en: "max")
    static let dashboardAverage = LocalizedText(ru: "сред", en: "avg")
    static let dashboardLast = LocalizedText(ru: "посл", en: "last")
    static let dashboardHintRange = LocalizedText(ru: "период", en: "range")
    static let dashboardHintInterval = LocalizedText(ru: "интервал", en: "interval")
    static let dashboardHintZoom = LocalizedText(ru: "увеличить", en: "zoom")
    static let dashboardHintBack = LocalizedText(ru: "назад", en: "back")
    static let dashboardHintDots = LocalizedText(ru: "брайль/блоки", en: "braille/blocks")
    static let dashboardNoPanels = LocalizedText(ru: "В дашборде нет панелей", en: "The dashboard has no panels")
    static let metricsNotConfigured = LocalizedText(
        ru: "Метрики не настроены: укажите metrics_url в профиле (~/.config/smartmlops/config.toml) или установите victoria-metrics",
        en: "Metrics are not configured: set metrics_url in your profile (~/.config/smartmlops/config.toml) or install victoria-metrics")

    /// A metrics failure in a few words, for the panel that it concerns.
    static func metricsFailure(_ error: MetricsError, language: Language) -> String {
        switch error {
        case .unreachable(let why):
            LocalizedText(ru: "нет связи с источником метрик", en: "metrics backend unreachable").text(in: language) + ": " + why
        case .timedOut:
            LocalizedText(ru: "источник метрик не ответил вовремя", en: "metrics backend timed out").text(in: language)
        case .cancelled:
            LocalizedText(ru: "запрос отменён", en: "request cancelled").text(in: language)
        case .query(_, let message):
            LocalizedText(ru: "ошибка запроса", en: "query error").text(in: language) + ": " + message
        case .unexpectedResponse(let status, let detail):
            LocalizedText(ru: "непонятный ответ", en: "unexpected answer").text(in: language) + " (HTTP \(status)): " + detail
        }
    }
}
