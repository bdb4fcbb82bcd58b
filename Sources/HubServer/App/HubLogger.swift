import HubData
import Logging

extension Logger {
    /// Hub's logger: info and above (or `HUB_LOG_LEVEL`) to standard error.
    public static func hub(_ label: String = "hub", level: Logger.Level = .info, configuration: HubConfiguration = .fromProcess()) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = configuration.logLevel.flatMap(Logger.Level.init(rawValue:)) ?? level
        return logger
    }
}
