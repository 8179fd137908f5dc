using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Thywill.Blazor.Testing;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

/// <summary>
/// One address can hold only so many connections (circuit WebSockets included) and load only so many
/// application pages per second; beyond, it gets a 429 that names the limit, while other addresses
/// and its own open connections carry on. Real Kestrel, real sockets.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AddressLimitsTests
{
    private const string Bootstraps = "Host:PerAddress:BootstrapsPerSecond";

    [Fact]
    public async Task Bootstraps_PastTheBurst_RefusedNamingTheLimit_LoggedOnce_AndFineAfterTheWindow()
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?>
        {
            ["Host:PerAddress:BootstrapBurst"] = "3",
            ["Host:PerAddress:BootstrapsPerSecond"] = "1",
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var started = System.Diagnostics.Stopwatch.StartNew();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await LoadEchoAsync(http)).Status);
        }

        var after = new List<(HttpStatusCode Status, string Body)>();
        for (var i = 0; i < 5; i++)
        {
            after.Add(await LoadEchoAsync(http));
        }

        // A page load takes a while on a busy machine: the bucket refills one a second meanwhile,
        // and only those may pass.
        var refills = (int)started.Elapsed.TotalSeconds;
        var refused = after.Where(r => r.Status != HttpStatusCode.OK).ToArray();
        Assert.InRange(refused.Length, Math.Max(1, 5 - refills), 5);
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.Status));
        Assert.All(refused, r => Assert.Contains(Bootstraps + " is 1", r.Body, StringComparison.Ordinal));
        Assert.Equal(1, Count(host.ReadLog(), "over " + Bootstraps));

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(HttpStatusCode.OK, (await LoadEchoAsync(http)).Status);
    }

    [Fact]
    public async Task Bootstraps_BehindAKnownProxy_CountedPerForwardedAddress()
    {
        await using var host = await StartWithTwoBootstrapsAsync(("Host:ForwardedHeaders:KnownProxies:0", "127.0.0.1"));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await LoadEchoAsync(http, "203.0.113.5")).Status);
        Assert.Equal(HttpStatusCode.OK, (await LoadEchoAsync(http, "203.0.113.5")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoadEchoAsync(http, "203.0.113.5")).Status);

        Assert.Equal(HttpStatusCode.OK, (await LoadEchoAsync(http, "203.0.113.6")).Status);
        Assert.Equal(HttpStatusCode.OK, (await LoadEchoAsync(http)).Status);
    }

    [Fact]
    public async Task Bootstraps_ForwardedForFromAnUnknownPeer_Ignored()
    {
        await using var host = await StartWithTwoBootstrapsAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // A browser claiming a new address each time is still the one peer it is.
        Assert.Equal(HttpStatusCode.OK, (await LoadEchoAsync(http, "203.0.113.1")).Status);
        Assert.Equal(HttpStatusCode.OK, (await LoadEchoAsync(http, "203.0.113.2")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoadEchoAsync(http, "203.0.113.3")).Status);
    }

    [Fact]
    public async Task Connections_OneMoreThanTheLimit_Refused_WhileTheOpenOnesKeepWorking()
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?> { ["Host:PerAddress:MaxConnections"] = "3" });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var sockets = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                sockets.Add(await OpenCircuitSocketAsync(host, http));
            }

            // The fourth is refused already at its negotiation, with the limit named.
            using var refused = await http.PostAsync(new Uri("_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("Host:PerAddress:MaxConnections is 3", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            foreach (var socket in sockets)
            {
                Assert.StartsWith("{", await HandshakeAsync(socket), StringComparison.Ordinal);
                Assert.Equal(WebSocketState.Open, socket.State);
            }

            // A closed connection gives its place back.
            await sockets[0].CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            sockets[0].Dispose();
            sockets.RemoveAt(0);
            sockets.Add(await EventuallyAsync(() => OpenCircuitSocketAsync(host, http)));
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    // A host that lets an address load two pages at once, then one a second.
    private static Task<ThywillTestHost> StartWithTwoBootstrapsAsync(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Host:PerAddress:BootstrapBurst"] = "2",
            ["Host:PerAddress:BootstrapsPerSecond"] = "1",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return ThywillTestHost.StartAsync<Program>(settings);
    }

    private static async Task<(HttpStatusCode Status, string Body)> LoadEchoAsync(HttpClient http, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "thywill/init/echo");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    // A circuit hub connection as Blazor's client opens it: negotiate, then the WebSocket.
    private static async Task<ClientWebSocket> OpenCircuitSocketAsync(ThywillTestHost host, HttpClient http)
    {
        using var negotiate = await http.PostAsync(new Uri("_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null);
        negotiate.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync());
        var token = answer.RootElement.GetProperty("connectionToken").GetString();
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{host.BaseAddress.Authority}/_blazor?id={token}"), CancellationToken.None);
        return socket;
    }

    // SignalR's handshake: the hub answers "{}" (or an error object) when the connection is live.
    private static async Task<string> HandshakeAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }

    // The server releases a closed socket's permit a moment after the close handshake.
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> attempt)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (HttpRequestException) when (i < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
