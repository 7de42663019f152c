import Testing
import RootmailCore

@Suite("AccountID", .tags(.unit))
struct AccountIDTests {
    @Test("twelve digits make an account ID")
    func twelveDigits() throws {
        let id = try AccountID("123456789012")
        #expect(id.rawValue == "123456789012")
        #expect("\(id)" == "123456789012")
    }

    @Test("surrounding spaces are ignored")
    func trimmed() throws {
        #expect(try AccountID(" 123456789012 ") == AccountID("123456789012"))
    }

    @Test("anything but exactly twelve digits is refused with a message naming AccountId",
          arguments: ["12345678901", "1234567890123", "12345678901a", "abcdefghijkl", "", "1234 5678 9012",
                      "١٢٣٤٥٦٧٨٩٠١٢"])
    func refused(text: String) {
        #expect {
            try AccountID(text)
        } throws: { error in
            guard case RootmailError.invalidInput(let field, let value, _) = error else { return false }
            let message = "\(error)"
            return field == "AccountId" && value == text
                && message.contains("Invalid AccountId") && message.contains("exactly 12 digits")
        }
    }

    @Test("account IDs sort by their digits")
    func ordering() throws {
        #expect(try AccountID("111111111111") < AccountID("222222222222"))
    }
}
