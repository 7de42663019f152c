import Foundation
import Testing
import RootmailCore

@Suite("EmailAddress", .tags(.unit))
struct EmailAddressTests {
    @Test("valid addresses are kept as typed, trimmed",
          arguments: ["a@b.c", "root+prod@example.com", "Ops.Team@Sub.Example.CO.UK", "ü@bücher.de"])
    func accepted(text: String) throws {
        #expect(try EmailAddress(text).rawValue == text)
        #expect(try EmailAddress("  \(text)\n").rawValue == text)
        // Pasted from a web page or a chat: no-break and ideographic spaces around it go too.
        #expect(try EmailAddress("\u{00A0}\u{3000}\(text)\r\n\u{2029}").rawValue == text)
    }

    @Test("64 characters are allowed, 65 are not")
    func lengthLimits() throws {
        let sixtyFour = String(repeating: "a", count: 52) + "@example.com"
        #expect(sixtyFour.count == 64)
        #expect(try EmailAddress(sixtyFour).rawValue == sixtyFour)
        expectRefusal("a" + sixtyFour, mentioning: "5 to 64 characters")
        expectRefusal("a@bc", mentioning: "5 to 64 characters")
        expectRefusal("", mentioning: "5 to 64 characters")
    }

    @Test("the length counts code points as AWS does, not grapheme clusters")
    func lengthCountsCodePoints() throws {
        let accented = "a" + String(repeating: "\u{0301}", count: 5_000) + "@example.com"
        #expect(accented.count == 13)
        expectRefusal(accented, mentioning: "5 to 64 characters long (it has 5013)")
        // 27 letters each with one combining accent: 39 characters on screen, 66 code points.
        let decomposed = String(repeating: "e\u{0301}", count: 27) + "@example.com"
        expectRefusal(decomposed, mentioning: "5 to 64 characters")
        let composed = String(repeating: "\u{00E9}", count: 52) + "@example.com"
        #expect(try EmailAddress(composed).rawValue == composed)
    }

    @Test("a refused value is quoted escaped and short")
    func refusalQuotesSafely() {
        let hostile = "\u{1B}]0;owned\u{7}" + String(repeating: "x", count: 20_000) + "@example.com"
        do {
            _ = try EmailAddress(hostile)
            Issue.record("accepted \(hostile.prefix(20))")
        } catch {
            let message = error.description
            #expect(!message.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(message.prefix(200))")
            #expect(message.contains("\\u{1B}]0;owned\\u{7}"))
            #expect(message.count < 300)
        }
    }

    @Test("one @ exactly")
    func oneAt() {
        expectRefusal("nobody.example.com", mentioning: "exactly one @")
        expectRefusal("a@b@example.com", mentioning: "exactly one @")
        expectRefusal("@example.com", mentioning: "a name before the @")
    }

    @Test("a dotted domain", arguments: ["root@localhost", "root@example.", "root@.com", "root@example..com"])
    func dottedDomain(text: String) {
        expectRefusal(text, mentioning: "dotted domain")
    }

    @Test("no spaces or control characters inside",
          arguments: ["first last@example.com", "root@exa mple.com", "root\t@example.com", "ro\u{7}ot@example.com",
                      "root@example.com\u{0}x", "root\u{00A0}x@example.com", "ro\u{200B}ot@example.com",
                      "root@exam\u{200E}ple.com", "root\u{85}x@example.com"])
    func noSpaces(text: String) {
        expectRefusal(text, mentioning: "spaces or control characters")
    }

    @Test("addresses that differ only in case are the same address")
    func caseInsensitive() throws {
        let typed = try EmailAddress("Root@Example.COM")
        let lower = try EmailAddress("root@example.com")
        #expect(typed == lower)
        #expect(Set([typed, lower]).count == 1)
        #expect(typed.rawValue == "Root@Example.COM")
        #expect(typed.normalized == "root@example.com")
        #expect(try EmailAddress("root@example.com") != EmailAddress("root2@example.com"))
    }

    @Test("the error names the field it was given")
    func fieldName() {
        #expect {
            try EmailAddress("nope", field: "--primary-email")
        } throws: { error in
            "\(error)".hasPrefix("Invalid --primary-email \"nope\": ")
        }
    }

    @Test("decoding checks the rules too")
    func decoding() throws {
        let decoded = try JSONDecoder().decode([EmailAddress].self, from: Data(#"["a@example.com"]"#.utf8))
        #expect(decoded == [try EmailAddress("a@example.com")])
        #expect(throws: RootmailError.self) {
            try JSONDecoder().decode([EmailAddress].self, from: Data(#"["not an address"]"#.utf8))
        }
    }

    private func expectRefusal(_ text: String, mentioning rule: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) {
            try EmailAddress(text)
        } throws: { error in
            guard case RootmailError.invalidInput(let field, _, let message) = error else { return false }
            return field == "PrimaryEmail" && message.contains(rule) && "\(error)".hasPrefix("Invalid PrimaryEmail")
        }
    }
}
