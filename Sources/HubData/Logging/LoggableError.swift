/// An error of Hub's own whose `description` may go to the log (``LoggedError``): it names codes, versions, kinds and
/// the things Hub defines, never a value from a request, a row or the database's messages.
public protocol LoggableError: Error, CustomStringConvertible {}
