import Foundation

/// The date format of RFC 5322 section 3.3: `Sat, 22 Nov 2025 15:34:00 +0000`.
public enum MailDate {
    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter
    }

    public static func format(_ date: Date) -> String { formatter().string(from: date) }

    public static func parse(_ text: String) -> Date? {
        let formatter = formatter()
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = formatter.date(from: trimmed) { return date }
        // The day of the week is optional in RFC 5322.
        formatter.dateFormat = "dd MMM yyyy HH:mm:ss Z"
        return formatter.date(from: trimmed)
    }
}
