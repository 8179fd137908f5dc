using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Apps.Display;

/// <summary>
/// The front end of display: the cluster's nodes (up or down, clients on each), every enabled
/// application, its connected clients on this node, and each client's link state and channels. Redrawn when a client connects or disconnects
/// (<see cref="IClientDirectory.Changed"/>) and every <see cref="RefreshInterval"/>.
/// </summary>
public sealed partial class DisplayPage : ComponentBase, IDisposable
{
    private const int SessionPrefixLength = 8;
    private const string SessionChannelPrefix = "$session:";

    private readonly CancellationTokenSource _lifetime = new();
    private IReadOnlyList<ApplicationClients> _applications = [];
    private int _total;
    private DateTimeOffset _updated;
    private int _refreshQueued;
    private bool _operator;
    private IReadOnlyList<NodeInfo> _nodes = [];
    private bool _nodesStale;

    /// <summary>The client, cascaded by the Thywill client root.</summary>
    [CascadingParameter]
    public IThywillClient Thywill { get; set; } = default!;

    /// <summary>
    /// How often the view is redrawn without a connect or disconnect. The directory raises no event
    /// when a client joins or leaves a channel or its link goes down and up, and it raises
    /// <see cref="IClientDirectory.Changed"/> for a new client before its channels are attached.
    /// </summary>
    /// <value>Defaults to one second.</value>
    [Parameter]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Inject]
    private IClientDirectory Directory { get; set; } = default!;

    [Inject]
    private IApplicationCatalog Catalog { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _operator = await IsOperatorAsync();
        await RefreshNodesAsync(_lifetime.Token);
        Refresh();
        Directory.Changed += OnDirectoryChanged;
        _ = RefreshPeriodicallyAsync(_lifetime.Token);
    }

    // Whether the viewer passes the host's operator policy; a host without that policy has no operators.
    private async Task<bool> IsOperatorAsync()
    {
        if (Services.GetService<IAuthorizationPolicyProvider>() is not { } policies
            || Services.GetService<IAuthorizationService>() is not { } authorization
            || Services.GetService<AuthenticationStateProvider>() is not { } authentication
            || await policies.GetPolicyAsync(DisplayApplication.OperatorPolicy) is not { } policy)
        {
            return false;
        }

        var state = await authentication.GetAuthenticationStateAsync();
        return (await authorization.AuthorizeAsync(state.User, policy)).Succeeded;
    }

    private void Refresh()
    {
        var connected = Directory.GetConnected().ToLookup(c => c.Client.ApplicationId, StringComparer.Ordinal);
        var applications = Catalog.All
            .Select(app => new ApplicationClients(app.Id, app.Name, connected[app.Id].ToArray()))
            .ToList();

        // Clients of an application the catalog no longer lists (disabled by configuration) still count.
        applications.AddRange(connected
            .Where(group => Catalog.Find(group.Key) is null)
            .Select(group => new ApplicationClients(group.Key, group.Key, group.ToArray())));

        _applications = applications;
        _total = applications.Sum(app => app.Clients.Count);
        _updated = Time.GetUtcNow();
    }

    // Raised on the connecting or disconnecting client's thread: one redraw is queued on this
    // circuit's dispatcher however many changes arrive meanwhile.
    private void OnDirectoryChanged()
    {
        if (Interlocked.Exchange(ref _refreshQueued, 1) == 0)
        {
            _ = RedrawAsync();
        }
    }

    private async Task RefreshPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await RefreshNodesAsync(cancellationToken);
                await RedrawAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
    }

    // The cluster's nodes (this one alone with the in-memory engine); while the engine is away the
    // last list is kept and shown as stale.
    private async Task RefreshNodesAsync(CancellationToken cancellationToken)
    {
        if (Services.GetService<IThywillNodes>() is not { } nodes)
        {
            return;
        }

        try
        {
            _nodes = await nodes.ListAsync(cancellationToken);
            _nodesStale = false;
        }
        catch (Rpc.RpcException)
        {
            _nodesStale = true;
        }
    }

    private async Task RedrawAsync()
    {
        try
        {
            await InvokeAsync(() =>
            {
                Volatile.Write(ref _refreshQueued, 0);
                Refresh();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed between the change and the redraw.
        }
    }

    private static string SessionPrefix(string sessionId) =>
        sessionId.Length <= SessionPrefixLength ? sessionId : sessionId[..SessionPrefixLength] + "…";

    private string Age(DateTimeOffset since)
    {
        var age = Time.GetUtcNow() - since;
        return age.TotalSeconds < 60 ? $"{Math.Max(0, (int)age.TotalSeconds)} s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min"
            : $"{(int)age.TotalHours} h";
    }

    private static bool IsFrameworkChannel(string channel) => channel.StartsWith('$');

    // A session's channel is named after the whole session id, which the page shows only a prefix of.
    private static string ChannelLabel(string channel) =>
        channel.StartsWith(SessionChannelPrefix, StringComparison.Ordinal)
            ? SessionChannelPrefix + SessionPrefix(channel[SessionChannelPrefix.Length..])
            : channel;

    // The channels the client joined first, then the framework's own.
    private static IEnumerable<string> OrderChannels(IReadOnlyList<string> channels) =>
        channels.OrderBy(IsFrameworkChannel).ThenBy(c => c, StringComparer.Ordinal);

    /// <inheritdoc />
    public void Dispose()
    {
        Directory.Changed -= OnDirectoryChanged;
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private sealed record ApplicationClients(string Id, string Name, IReadOnlyList<ConnectedClient> Clients);
}
