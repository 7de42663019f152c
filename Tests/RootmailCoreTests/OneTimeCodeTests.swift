import Testing
import RootmailCore

@Suite("OneTimeCode", .tags(.unit))
struct OneTimeCodeTests {
    @Test("six ASCII letters or digits, trimmed", arguments: ["493817", "AB12cd", "zzzzzz"])
    func accepted(text: String) throws {
        #expect(try OneTimeCode(text).secret == text)
        #expect(try OneTimeCode("  \(text)\n").secret == text)
    }

    @Test("wrong lengths are refused, the seed's 12345678 among them",
          arguments: ["", "12345", "1234567", "12345678"])
    func wrongLength(text: String) {
        expectRefusal(text, mentioning: "it had \(text.count) characters")
    }

    @Test("non-ASCII, punctuation and inner spaces are refused",
          arguments: ["12345é", "١٢٣٤٥٦", "１２３４５６", "123-56", "12 456"])
    func wrongCharacters(text: String) {
        expectRefusal(text, mentioning: "6 letters or digits")
    }

    @Test("neither the error nor any description of a code shows the code")
    func neverShown() throws {
        #expect {
            try OneTimeCode("1234567")
        } throws: { error in
            !"\(error)".contains("1234567") && !String(reflecting: error).contains("1234567")
        }
        let code = try OneTimeCode("493817")
        #expect(!"\(code)".contains("493817"))
        #expect(!String(reflecting: code).contains("493817"))
        #expect(!String(describing: [code]).contains("493817"))
    }

    private func expectRefusal(_ text: String, mentioning rule: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) {
            try OneTimeCode(text)
        } throws: { error in
            guard case RootmailError.invalidInput(let field, let value, let message) = error else { return false }
            return field == "Otp" && value == nil && message.contains(rule) && "\(error)".hasPrefix("Invalid Otp: ")
        }
    }
}
