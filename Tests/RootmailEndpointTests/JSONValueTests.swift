import OrderedJSON
import Testing

/// The JSON reader and compact writer the endpoint uses: what clients may send, and what it answers.
@Suite(.tags(.unit))
struct JSONValueTests {
    private func text(_ value: JSONValue) -> String { String(decoding: value.serialized(), as: UTF8.self) }

    @Test func readsWhatAWSClientsSend() throws {
        let value = try JSONValue(parsing: Array(#" { "AccountId" : "123456789012", "MaxResults": 20, "Nested": [true, null, -1.5e2] } "#.utf8))
        #expect(value["AccountId"].map(text) == #""123456789012""#)
        #expect(value["MaxResults"].map(text) == "20")
        #expect(value["Nested"].map(text) == "[true,null,-150]")
        #expect(value["Missing"] == nil)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONValue(parsing: Array(#"{"Name":"Z\u00fcrich \ud83d\ude00 \"q\" \\ \/ \n"}"#.utf8))
        guard case .string(let name)? = value["Name"] else {
            Issue.record("Name is not a string")
            return
        }
        #expect(name == "Zürich 😀 \"q\" \\ / \n")
    }

    @Test func theLastOfRepeatedMembersWins() throws {
        let value = try JSONValue(parsing: Array(#"{"AccountId":"1","AccountId":"2"}"#.utf8))
        #expect(value["AccountId"].map(text) == #""2""#)
    }

    @Test(arguments: [
        "", "{", "{\"a\":}", "{\"a\":1,}", "[1,]", "01", "1.", "-", "1e", "\"abc", "\"\\x\"", "\"\\ud800\"",
        "\"a\u{01}b\"", "{\"a\":1} x", "tru", "nul", "1e400", "{'a':1}", "[\"\\u12\"]",
    ])
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: Array(text.utf8)) }
    }

    @Test func refusesNestingDeeperThanTheLimit() throws {
        let allowed = String(repeating: "[", count: JSONValue.maximumDepth) + String(repeating: "]", count: JSONValue.maximumDepth)
        _ = try JSONValue(parsing: Array(allowed.utf8))
        let deeper = String(repeating: "[", count: JSONValue.maximumDepth + 1) + String(repeating: "]", count: JSONValue.maximumDepth + 1)
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: Array(deeper.utf8)) }
    }

    @Test func refusesInvalidUTF8InStrings() {
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: [0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test func writesEscapedStringsAndPlainNumbers() {
        let value = JSONValue.object([
            ("message", .string("say \"hi\"\\\n\t\u{01}é")),
            ("whole", .number(1_525_142_131)),
            ("fraction", .epochSeconds(1_525_142_131.25)),
            ("list", .array([.bool(false), .null])),
        ])
        #expect(text(value) == #"{"message":"say \"hi\"\\\n\t\u0001é","whole":1525142131,"fraction":1525142131.25,"list":[false,null]}"#)
    }

    @Test func whatItWritesItReadsBack() throws {
        let value = JSONValue.object([("a", .string("\u{0}\u{1F}\"\\/😀")), ("b", .array([.number(-0.5), .object([])]))])
        #expect(text(try JSONValue(parsing: value.serialized())) == text(value))
    }
}
