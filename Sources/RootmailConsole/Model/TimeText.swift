import Foundation
import RootmailCore

/// How times and durations read on screen.
enum TimeText {
    /// `23h 59m`, `42m`, `<1m`; `0m` once nothing is left.
    static func duration(_ interval: TimeInterval) -> String {
        guard interval > 0 else { return "0m" }
        let minutes = Int(interval / 60)
        guard minutes > 0 else { return "<1m" }
        return minutes >= 60 ? "\(minutes / 60)h \(minutes % 60)m" : "\(minutes)m"
    }

    /// How long ago something happened, in its largest unit: `just now`, `42m ago`, `3h ago`
    /// (up to two days), `5d ago`.
    static func age(_ interval: TimeInterval) -> String {
        let minutes = Int(max(0, interval) / 60)
        switch minutes {
        case 0: return "just now"
        case ..<60: return "\(minutes)m ago"
        case ..<(48 * 60): return "\(minutes / 60)h ago"
        default: return "\(minutes / (24 * 60))d ago"
        }
    }

    /// `2024-06-06 10:00 UTC`
    static func moment(_ date: Date, in zone: TimeZone) -> String {
        let parts = components(of: date, in: zone)
        let abbreviation = zone.secondsFromGMT(for: date) == 0 ? "UTC" : zone.abbreviation(for: date) ?? zone.identifier
        return String(format: "%04d-%02d-%02d %02d:%02d ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0) + abbreviation
    }

    /// `10:00:05 UTC`
    static func timeOfDay(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        let abbreviation = zone.secondsFromGMT(for: date) == 0 ? "UTC" : zone.abbreviation(for: date) ?? zone.identifier
        return String(format: "%02d:%02d:%02d ", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0) + abbreviation
    }

    /// `2024-06-06`
    static func day(_ date: Date, in zone: TimeZone) -> String {
        let parts = components(of: date, in: zone)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    private static func components(of date: Date, in zone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    }
}

extension PendingUpdateCondition {
    /// A few words for a table cell.
    var label: String {
        switch self {
        case .awaitingCode: "awaiting code"
        case .inFlight: "in progress"
        case .uncertain: "uncertain"
        case .expired: "expired"
        case .voided: "voided"
        case .finished: "finished"
        }
    }

    /// What the condition means and what to do about it.
    var explanation: String {
        switch self {
        case .awaitingCode:
            "Awaiting the verification code sent to the new address."
        case .inFlight:
            "Another rootmail session is sending this update's request right now; refresh (R) in a moment."
        case .uncertain:
            "A rootmail session stopped while AWS was answering; whether the request went through is unknown. Resolve asks the backend."
        case .expired:
            "The 24 hours to enter the code ran out. Resend code sends a new code and starts them again."
        case .voided:
            "Too many wrong codes voided the code. Resend code sends a new one."
        case .finished:
            "Finished."
        }
    }
}
