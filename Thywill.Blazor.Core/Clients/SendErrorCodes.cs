namespace Thywill.Blazor.Clients;

/// <summary>The named reasons a send is refused; the browser sees them as <c>error.code</c>.</summary>
public static class SendErrorCodes
{
    /// <summary>Over <c>Thywill:Messages:MaxMessageBytes</c>.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The bootstrap has not completed.</summary>
    public const string NotReady = "not-ready";

    /// <summary>The client is not connected.</summary>
    public const string Disconnected = "disconnected";

    /// <summary>The client sent faster than its rate limit allows.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>The application refused the message.</summary>
    public const string Rejected = "rejected";

    /// <summary>The message was not valid JSON data.</summary>
    public const string Invalid = "invalid";
}
