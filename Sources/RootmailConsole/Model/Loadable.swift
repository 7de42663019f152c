import RootmailCore

/// A value asked of the backend: on its way, there, or refused with an error to show.
enum Loadable<Value> {
    case loading
    case loaded(Value)
    case failed(RootmailError)

    var value: Value? {
        if case .loaded(let value) = self { return value }
        return nil
    }
}

extension Loadable: Sendable where Value: Sendable {}
extension Loadable: Equatable where Value: Equatable {}
