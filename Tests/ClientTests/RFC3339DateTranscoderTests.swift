import Foundation
import OpenAPIRuntime
import PlatformContract
import Testing

@Suite("RFC 3339 dates on the wire")
struct RFC3339DateTranscoderTests {
    private let transcoder = RFC3339DateTranscoder()

    @Test("writes what the runtime's ISO 8601 transcoder writes, for dates across four centuries")
    func sameAsTheRuntime() throws {
        let runtime = ISO8601DateTranscoder.iso8601
        var seconds = -2_208_988_800.0 // 1900-01-01
        while seconds < 7_258_118_400 { // 2200-01-01
            let date = Date(timeIntervalSince1970: seconds)
            #expect(try transcoder.encode(date) == runtime.encode(date))
            #expect(try transcoder.decode(transcoder.encode(date)) == Date(timeIntervalSince1970: seconds.rounded(.down)))
            seconds += 86_400 * 7 + 3_661.25
        }
        // Leap days, the ends of years, and a fraction that must not round up a second.
        for text in ["2024-02-29T23:59:59Z", "2000-02-29T00:00:00Z", "1999-12-31T23:59:59Z", "1970-01-01T00:00:00Z"] {
            #expect(try transcoder.encode(transcoder.decode(text)) == text)
        }
        #expect(try transcoder.encode(Date(timeIntervalSince1970: 1_720_440_780.999)) == "2024-07-08T12:13:00Z")
    }

    @Test("reads fractions and offsets as RFC 3339 means them")
    func readsEveryForm() throws {
        let noon = Date(timeIntervalSince1970: 1_720_440_780)
        #expect(try transcoder.decode("2024-07-08T12:13:00Z") == noon)
        #expect(try transcoder.decode("2024-07-08T15:13:00+03:00") == noon)
        #expect(try transcoder.decode("2024-07-08T07:13:00-05:00") == noon)
        #expect(try transcoder.decode("2024-07-08t12:13:00z") == noon)
        #expect(try transcoder.decode("2024-07-08T12:13:00.250Z").timeIntervalSince1970 == 1_720_440_780.25)
    }

    @Test("refuses what is not a date-time", arguments: [
        "", "2024-07-08", "2024-07-08T12:13Z", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-07-08T24:00:00Z",
        "2024-07-08T12:13:00", "2024-07-08T12:13:00.Z", "2024-07-08T12:13:00+0300", "2024-07-08T12:13:00Zjunk", "２０２４-07-08T12:13:00Z",
    ])
    func refuses(text: String) {
        #expect(throws: DecodingError.self) { try transcoder.decode(text) }
    }
}
