import RootmailCore

/// Exit statuses as the AWS CLI v2 documents them, so scripts written for it work unchanged.
enum ExitStatus: Int32 {
    case success = 0
    /// The command line did not parse or a value failed validation.
    case usage = 252
    /// Configuration or credentials are wrong.
    case configuration = 253
    /// The service answered with an error.
    case service = 254
    case other = 255

    init(for error: RootmailError) {
        switch error {
        case .invalidInput, .notAnOpenUpdate: self = .usage
        case .configuration: self = .configuration
        case .service: self = .service
        case .notFound, .nothingPending, .ambiguousStart, .busy, .notPermitted, .storage, .transport: self = .other
        }
    }
}
