using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Apps.Chat.Server;

/// <summary>Two tabs talking to each other as strangers, in a private channel the server made.</summary>
/// <param name="Channel">The pair's channel, <c>pair:{id}</c>.</param>
/// <param name="First">The one who waited.</param>
/// <param name="Second">The one who arrived.</param>
internal sealed record StrangerPair(string Channel, ClientInfo First, ClientInfo Second)
{
    /// <summary>The other one of the pair.</summary>
    /// <param name="clientId">One of the two.</param>
    public ClientInfo PartnerOf(string clientId) => First.ClientId == clientId ? Second : First;

    /// <summary>Both, first then second.</summary>
    public IEnumerable<ClientInfo> Both => [First, Second];
}
