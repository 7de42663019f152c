import Foundation
import RootmailCore

/// The AWS CLI's shared files, read into profiles: the config file (`[default]`,
/// `[profile X]`, `[services X]`, `[sso-session X]`) and the credentials file (`[X]`).
struct SharedConfiguration: Sendable {
    /// One profile's settings from both files; the credentials file wins for the same key.
    struct Profile: Sendable {
        let name: String
        let configValues: [String: String]
        let credentialsValues: [String: String]

        func value(_ key: String) -> String? {
            (credentialsValues[key] ?? configValues[key]).nonEmpty
        }

        func has(_ key: String) -> Bool { value(key) != nil }
    }

    let configFilePath: String
    let credentialsFilePath: String
    private let configProfiles: [String: INIDocument.Section]
    private let credentialsProfiles: [String: INIDocument.Section]
    private let servicesSections: [String: INIDocument.Section]
    private let ssoSessionSections: [String: INIDocument.Section]

    /// Where the files were looked for, for messages: `~/.aws/config and ~/.aws/credentials`.
    var filesDescription: String { "\(configFilePath) and \(credentialsFilePath)" }

    /// Reads the files the environment points at. A missing file counts as empty, as for the
    /// AWS CLI; an unreadable or malformed one is a configuration error naming it.
    init(environment: [String: String]) throws {
        configFilePath = Self.path(environment, variable: "AWS_CONFIG_FILE", default: "~/.aws/config")
        credentialsFilePath = Self.path(environment, variable: "AWS_SHARED_CREDENTIALS_FILE",
                                        default: "~/.aws/credentials")
        let config = try Self.read(configFilePath)
        let credentials = try Self.read(credentialsFilePath)

        var profiles: [String: INIDocument.Section] = [:]
        var services: [String: INIDocument.Section] = [:]
        var ssoSessions: [String: INIDocument.Section] = [:]
        var explicitDefault: INIDocument.Section?
        for (name, section) in config.sections {
            if name == "default" {
                profiles["default"] = section
            } else if let profile = Self.name(of: name, prefix: "profile") {
                if profile == "default" { explicitDefault = section } else { profiles[profile] = section }
            } else if let service = Self.name(of: name, prefix: "services") {
                services[service] = section
            } else if let session = Self.name(of: name, prefix: "sso-session") {
                ssoSessions[session] = section
            }
        }
        // `[profile default]` is the longer spelling of `[default]`; when both exist the explicit one counts.
        if let explicitDefault { profiles["default"] = explicitDefault }
        configProfiles = profiles
        credentialsProfiles = credentials.sections
        servicesSections = services
        ssoSessionSections = ssoSessions
    }

    /// The settings of a `[sso-session NAME]` section, nil if there is none.
    func ssoSession(_ name: String) -> [String: String]? {
        ssoSessionSections[name]?.values
    }

    func profile(_ name: String) -> Profile? {
        let config = configProfiles[name]
        let credentials = credentialsProfiles[name]
        guard config != nil || credentials != nil else { return nil }
        return Profile(name: name, configValues: config?.values ?? [:],
                       credentialsValues: credentials?.values ?? [:])
    }

    /// The `endpoint_url` a `[services NAME]` section gives one service (`organizations =` /
    /// `  endpoint_url = …`).
    func serviceEndpointURL(servicesSection name: String, serviceKey: String) -> String? {
        servicesSections[name]?.subsections[serviceKey]?["endpoint_url"].nonEmpty
    }

    /// `profile NAME` or `profile "NAME"` → NAME; nil for other sections.
    private static func name(of section: String, prefix: String) -> String? {
        guard section.hasPrefix(prefix + " ") || section.hasPrefix(prefix + "\t") else { return nil }
        var name = String(section.dropFirst(prefix.count)).trimmingWhitespace()
        if name.count >= 2, let first = name.first, first == "\"" || first == "'", name.last == first {
            name = String(name.dropFirst().dropLast())
        }
        return name.isEmpty ? nil : name
    }

    private static func path(_ environment: [String: String], variable: String, default fallback: String) -> String {
        let chosen = environment[variable].nonEmpty ?? fallback
        guard chosen == "~" || chosen.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty else {
            return chosen
        }
        return home + chosen.dropFirst()
    }

    /// Plain read(2), which also reads devices such as /dev/null (the usual way to point the
    /// AWS CLI at no file); Foundation's readers refuse them.
    private static func readAll(_ path: String) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return data }
            if count < 0 { if errno == EINTR { continue } else { return nil } }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    private static func read(_ path: String) throws -> INIDocument {
        // A path still starting with ~ means HOME is unset: there is no such file to read.
        guard !path.hasPrefix("~"), FileManager.default.fileExists(atPath: path) else {
            return INIDocument()
        }
        guard let data = readAll(path) else {
            throw RootmailError.configuration("The AWS file \(path) could not be read. Check its permissions.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RootmailError.configuration("The AWS file \(path) is not UTF-8 text: save it as UTF-8.")
        }
        do {
            return try INIDocument(parsing: text, fileName: path)
        } catch {
            throw RootmailError.configuration("The AWS file \(error.description) Fix that line and try again.")
        }
    }
}
