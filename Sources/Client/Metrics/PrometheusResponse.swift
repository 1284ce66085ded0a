import Foundation

/// The envelope every endpoint of the Prometheus HTTP API answers with, which VictoriaMetrics
/// copies: `{"status": "success"|"error", "data": …, "errorType", "error", "warnings"}`.
struct PrometheusEnvelope<Payload: Decodable>: Decodable {
    let status: String
    let data: Payload?
    let errorType: String?
    let error: String?
    let warnings: [String]?
    let isPartial: Bool?
}

/// `data` of `/api/v1/query` and `/api/v1/query_range`: the result's shape depends on `resultType`.
struct PrometheusQueryData: Decodable {
    let kind: MetricsResult.Kind
    let series: [MetricsSeries]

    private enum Keys: String, CodingKey { case resultType, result }

    private struct RangeSeries: Decodable {
        let metric: [String: String]
        let values: [PrometheusSample]
    }

    private struct InstantSeries: Decodable {
        let metric: [String: String]
        let value: PrometheusSample
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let type = try container.decode(String.self, forKey: .resultType)
        switch type {
        case "matrix":
            kind = .matrix
            series = try container.decode([RangeSeries].self, forKey: .result).map {
                MetricsSeries(labels: $0.metric, points: $0.values.map(\.point))
            }
        case "vector":
            kind = .vector
            series = try container.decode([InstantSeries].self, forKey: .result).map {
                MetricsSeries(labels: $0.metric, points: [$0.value.point])
            }
        case "scalar":
            kind = .scalar
            series = [MetricsSeries(labels: [:], points: [try container.decode(PrometheusSample.self, forKey: .result).point])]
        case "string":
            kind = .string
            series = []
        default:
            throw DecodingError.dataCorruptedError(forKey: .resultType, in: container, debugDescription: "unknown resultType \"\(type)\"")
        }
    }
}

/// `[1700000000.5, "42"]`: seconds since the epoch and the value as text, which may be `NaN`,
/// `+Inf` or `-Inf`.
struct PrometheusSample: Decodable {
    let point: MetricPoint

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        let seconds = try container.decode(Double.self)
        let text = try container.decode(String.self)
        guard let value = Self.value(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a sample value")
        }
        point = MetricPoint(time: Date(timeIntervalSince1970: seconds), value: value)
    }

    static func value(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "+Inf", "Inf": .infinity
        case "-Inf": -.infinity
        default: Double(text)
        }
    }
}
