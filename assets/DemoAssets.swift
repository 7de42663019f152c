import Foundation

/// The files shipped in `assets/`.
public enum DemoAssets {
    /// The demo organization created on first run.
    public static var demoOrganizationURL: URL? {
        Bundle.module.url(forResource: "demo-organization", withExtension: "json")
    }
}
