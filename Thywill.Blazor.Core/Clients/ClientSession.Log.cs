using Microsoft.Extensions.Logging;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Clients;

internal sealed partial class ClientSession
{
    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Warning, "Outbox full for {AppId}/{ClientId} (policy {Policy}, pending {Pending}, dropped {Dropped})")]
        public static partial void OutboxFull(ILogger logger, string appId, string clientId, OutboxFullPolicy policy, int pending, long dropped);

        [LoggerMessage(11, LogLevel.Warning, "Message from {AppId}/{ClientId} refused: {Size} bytes over the limit of {Limit}")]
        public static partial void MessageTooLarge(ILogger logger, string appId, string clientId, int size, int limit);

        [LoggerMessage(12, LogLevel.Warning, "Client {AppId}/{ClientId} over its rate limit ({Operation}): {Refused} operations refused since the last report")]
        public static partial void RateLimited(ILogger logger, string appId, string clientId, string operation, long refused);

        [LoggerMessage(13, LogLevel.Debug, "Message {MessageId} from {AppId}/{ClientId} accepted ({Size} bytes)")]
        public static partial void MessageAccepted(ILogger logger, string appId, string clientId, string messageId, int size);

        [LoggerMessage(14, LogLevel.Information, "Message from {AppId}/{ClientId} rejected by the application: {Reason}")]
        public static partial void MessageRejected(ILogger logger, string appId, string clientId, string reason);

        [LoggerMessage(15, LogLevel.Error, "Application {AppId} failed on a message from {ClientId}")]
        public static partial void ApplicationFailed(ILogger logger, Exception exception, string appId, string clientId);

        [LoggerMessage(52, LogLevel.Error, "Push pump of {AppId}/{ClientId} failed")]
        public static partial void PumpFailed(ILogger logger, Exception exception, string appId, string clientId);
    }
}
