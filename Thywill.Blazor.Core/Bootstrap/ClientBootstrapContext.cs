using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Bootstrap;

/// <summary>What a contributor sees while one client's configuration is composed.</summary>
internal sealed class ClientBootstrapContext
{
    internal ClientBootstrapContext(ClientInfo client, ApplicationDescriptor application, bool resumed, IDictionary<string, object?> parameters)
    {
        Client = client;
        Application = application;
        Resumed = resumed;
        Parameters = parameters;
    }

    /// <summary>The client being bootstrapped.</summary>
    public ClientInfo Client { get; }

    /// <summary>Its application.</summary>
    public ApplicationDescriptor Application { get; }

    /// <summary>Whether the client resumed an earlier identity (reload or reconnect).</summary>
    public bool Resumed { get; }

    /// <summary>
    /// The parameters to add to; they reach the browser as <c>thywill.config.bootstrap_parameters</c>
    /// (or <c>application_parameters</c> for the application). Values must serialise to JSON.
    /// </summary>
    public IDictionary<string, object?> Parameters { get; }

    /// <summary>The client's row as this connect recorded it, when the connect did (saves reading it back).</summary>
    internal Storage.Entities.StoredClient? Recorded { get; init; }
}
