namespace Thywill.Blazor.Engine;

/// <summary>The channels a connected client is in, as its node writes them again each sweep.</summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="ClientId">The client.</param>
/// <param name="Channels">Its channels (the framework's own left out); may be empty.</param>
internal readonly record struct ClientMemberships(string ApplicationId, string ClientId, IReadOnlyList<string> Channels);
