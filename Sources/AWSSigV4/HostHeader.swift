/// The `Host` header SigV4 signs: the host in lower case, an IPv6 address in brackets, and the
/// port only when it is not the scheme's default (80 for http, 443 for https).
public enum HostHeader {
    public static func value(scheme: String, host: String, port: Int?) -> String {
        var name = host.lowercased()
        if name.contains(":") && !name.hasPrefix("[") { name = "[\(name)]" }
        guard let port, port != defaultPort(scheme: scheme.lowercased()) else { return name }
        return "\(name):\(port)"
    }

    private static func defaultPort(scheme: String) -> Int? {
        switch scheme {
        case "http": 80
        case "https": 443
        default: nil
        }
    }
}
