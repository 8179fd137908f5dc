namespace Thywill.Blazor.Channels;

/// <summary>What a client asks to do with a channel.</summary>
public enum ChannelOperation
{
    /// <summary>Join (subscribe).</summary>
    Join,

    /// <summary>Publish to it.</summary>
    Publish,
}
