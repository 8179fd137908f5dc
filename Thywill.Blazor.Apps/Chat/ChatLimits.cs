using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Thywill.Blazor.Apps.Chat;

/// <summary>
/// What chat accepts from a person: nicknames, room names and message text. The server enforces
/// these rules; the page checks them too, so a person hears about a mistake before sending.
/// </summary>
public static partial class ChatLimits
{
    /// <summary>The longest nickname.</summary>
    public const int MaxNicknameLength = 24;

    /// <summary>The longest room name (without the <c>room:</c> prefix).</summary>
    public const int MaxRoomNameLength = 32;

    /// <summary>The longest message, in characters.</summary>
    public const int MaxTextLength = 1000;

    /// <summary>The prefix of every room channel.</summary>
    public const string RoomPrefix = "room:";

    /// <summary>The prefix of every person's channel (server-only: the person's record, its tabs as members).</summary>
    public const string PersonPrefix = "person:";

    /// <summary>The prefix of every stranger pair's channel (created by the server only).</summary>
    public const string PairPrefix = "pair:";

    /// <summary>Checks a nickname: 1–24 letters, digits, spaces, <c>_ . -</c>; no space at either end.</summary>
    /// <param name="nickname">The candidate, as typed.</param>
    /// <param name="error">Why it is refused, safe to show.</param>
    public static bool TryValidateNickname([NotNullWhen(true)] string? nickname, [NotNullWhen(false)] out string? error)
    {
        error = string.IsNullOrWhiteSpace(nickname) ? "Choose a nickname."
            : nickname.Length > MaxNicknameLength ? $"A nickname has at most {MaxNicknameLength} characters."
            : !NicknamePattern().IsMatch(nickname) ? "A nickname may use letters, digits, spaces, '_', '.' and '-', and cannot start or end with a space."
            : null;
        return error is null;
    }

    /// <summary>Checks a room name: 1–32 lower-case letters, digits and dashes, starting with a letter or digit.</summary>
    /// <param name="name">The candidate, without the <c>room:</c> prefix.</param>
    /// <param name="error">Why it is refused, safe to show.</param>
    public static bool TryValidateRoomName([NotNullWhen(true)] string? name, [NotNullWhen(false)] out string? error)
    {
        error = string.IsNullOrEmpty(name) ? "Enter a room name."
            : name.Length > MaxRoomNameLength ? $"A room name has at most {MaxRoomNameLength} characters."
            : !RoomPattern().IsMatch(name) ? "A room name may use lower-case letters, digits and '-', and starts with a letter or digit."
            : null;
        return error is null;
    }

    /// <summary>Whether a channel name is a room chat serves (<c>room:</c> and a valid room name).</summary>
    /// <param name="channel">The channel name.</param>
    public static bool IsRoomChannel([NotNullWhen(true)] string? channel) =>
        channel is not null && channel.StartsWith(RoomPrefix, StringComparison.Ordinal)
        && TryValidateRoomName(channel[RoomPrefix.Length..], out _);

    /// <summary>Whether a channel name is a stranger pair's.</summary>
    /// <param name="channel">The channel name.</param>
    public static bool IsPairChannel([NotNullWhen(true)] string? channel) =>
        channel is not null && channel.StartsWith(PairPrefix, StringComparison.Ordinal);

    /// <summary>Checks a message: 1–1000 characters, not only white space, no control characters but line breaks and tabs.</summary>
    /// <param name="text">The candidate.</param>
    /// <param name="error">Why it is refused, safe to show.</param>
    public static bool TryValidateText([NotNullWhen(true)] string? text, [NotNullWhen(false)] out string? error)
    {
        error = string.IsNullOrWhiteSpace(text) ? "Type a message."
            : text.Length > MaxTextLength ? $"A message has at most {MaxTextLength} characters; this one has {text.Length}."
            : text.Any(c => char.IsControl(c) && c is not '\n' and not '\t' and not '\r') ? "A message cannot contain control characters."
            : null;
        return error is null;
    }

    /// <summary>A room name as a person typed it, made canonical: trimmed, lower case, no <c>room:</c> prefix, <c>#</c> dropped.</summary>
    /// <param name="typed">What was typed.</param>
    public static string NormalizeRoomName(string? typed)
    {
        var name = (typed ?? "").Trim().ToLowerInvariant();
        if (name.StartsWith(RoomPrefix, StringComparison.Ordinal))
        {
            name = name[RoomPrefix.Length..];
        }

        return name.TrimStart('#');
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}_.\-](?:[\p{L}\p{Nd} _.\-]*[\p{L}\p{Nd}_.\-])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NicknamePattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoomPattern();
}
