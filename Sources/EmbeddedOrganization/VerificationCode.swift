import Crypto
import Foundation
import RootmailCore

/// A freshly drawn verification code and the salted hash that is all the database keeps of it.
struct VerificationCode {
    static let saltLength = 16

    let code: OneTimeCode
    let salt: Data
    let hash: Data

    /// Six digits from the system's cryptographically secure generator (getrandom on Linux).
    static func draw() -> VerificationCode {
        var generator = SystemRandomNumberGenerator()
        let number = UInt32.random(in: 0..<1_000_000, using: &generator)
        // Six digits always satisfy OneTimeCode's rule.
        let code = try! OneTimeCode(String(format: "%06u", number))
        let salt = Data(SecureRandom.bytes(saltLength))
        return VerificationCode(code: code, salt: salt, hash: digest(of: code, salt: salt))
    }

    static func digest(of code: OneTimeCode, salt: Data) -> Data {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: Data(code.secret.utf8))
        return Data(hasher.finalize())
    }

    /// Compares in constant time, so the time an answer takes says nothing about the code.
    static func matches(_ candidate: OneTimeCode, salt: Data, hash: Data) -> Bool {
        let candidateHash = digest(of: candidate, salt: salt)
        guard candidateHash.count == hash.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(candidateHash, hash) { difference |= left ^ right }
        return difference == 0
    }
}
