/// What the embedded organization hands out as a secret (codes' salts, secret keys, session
/// tokens), drawn from the system's cryptographically secure generator (getrandom on Linux).
enum SecureRandom {
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// `count` characters, each drawn from `alphabet` (which must not be empty).
    static func characters(_ count: Int, from alphabet: String) -> String {
        let characters = Array(alphabet)
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in characters.randomElement(using: &generator)! })
    }
}
