using System.Text.Json;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Samples.Poll;

/// <summary>
/// The poll of the JavaScript guide: each page votes in a channel, every page tallies the votes it
/// receives, and a page opened or reloaded later rebuilds the tally from the channel's history.
/// </summary>
public sealed class PollApplication : ThywillApplication
{
    /// <summary>The application id: its page is /thywill/init/poll.</summary>
    public const string Id = "poll";

    private static readonly string[] Drinks = ["tea", "coffee", "water"];

    /// <inheritdoc />
    public override ApplicationDescriptor Descriptor { get; } = new(Id, "Poll")
    {
        Description = "Vote for a drink; every page shows the tally, and a reloaded page rebuilds it from history.",
        Resources =
        [
            BootstrapResource.Style("_content/Thywill.Blazor.Samples/poll/poll.css"),
            BootstrapResource.Script("_content/Thywill.Blazor.Samples/poll/poll.js"),
        ],
        Channels =
        [
            // Browsers join and vote in poll:* themselves. Every vote is kept (up to 10,000, also in
            // the database, so across restarts): the tally is the history, replayed.
            new ChannelDeclaration("poll:*") { Join = true, Publish = true, HistorySize = 10_000, Archive = true },
        ],
    };

    /// <summary>The choices, for the page to draw its buttons: <c>await thywill.call('choices')</c>.</summary>
    /// <returns>The choices, in order.</returns>
    [RpcMethod]
    public IReadOnlyList<string> Choices() => Drinks;

    /// <summary>The rule lets members publish; this refines it: a publication must be a vote for one of the choices.</summary>
    /// <param name="request">What a client asks to do.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    /// <returns>Whether it may.</returns>
    public override ValueTask<bool> AuthorizeChannelAsync(ChannelAccessRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(request.AllowedByRule && (request.Operation != ChannelOperation.Publish || IsVote(request.Data)));

    private static bool IsVote(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty("choice", out var choice)
        && choice.ValueKind == JsonValueKind.String
        && Drinks.Contains(choice.GetString());
}
