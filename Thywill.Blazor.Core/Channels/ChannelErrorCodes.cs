namespace Thywill.Blazor.Channels;

/// <summary>The named reasons a channel operation is refused; the browser sees them as <c>error.code</c>.</summary>
public static class ChannelErrorCodes
{
    /// <summary>No channel rule matches the name, and the application did not allow it.</summary>
    public const string NotFound = "not-found";

    /// <summary>The rule or the application refused.</summary>
    public const string NoPermission = "no-permission";

    /// <summary>The name is malformed or too long.</summary>
    public const string InvalidChannel = "invalid-channel";

    /// <summary>Publishing to a channel the client is not a member of.</summary>
    public const string NotMember = "not-member";

    /// <summary>The client is a member of too many channels.</summary>
    public const string TooManyChannels = "too-many-channels";
}
