// The release's identity. scripts/package rewrites these three values for the build it packages
// and restores this file afterwards; a development build keeps them nil.
enum BuildStamp {
    static let version: String? = nil
    static let commit: String? = nil
    static let swiftVersion: String? = nil
}
