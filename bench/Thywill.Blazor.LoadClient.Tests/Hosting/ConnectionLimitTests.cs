using System.Net;
using System.Net.Sockets;
using Thywill.Blazor.Testing;

namespace Thywill.Blazor.LoadClient.Tests.Hosting;

/// <summary>
/// A node at its connection limit refuses newcomers and keeps serving. Without a limit below the
/// open-file limit, running out of descriptors aborts the whole process (found at 20,000 clients).
/// </summary>
public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task Host_AtItsConnectionLimit_ClosesTheNextConnectionAndKeepsServing()
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?> { ["Host:MaxConnections"] = "3" });
        var held = new List<TcpClient>();
        try
        {
            // Each held connection is answered once, so Kestrel has certainly counted it; one refused
            // because a connection of the host's start-up had not yet closed is tried again.
            for (var attempt = 0; held.Count < 3; attempt++)
            {
                Assert.True(attempt < 50, $"only {held.Count} of 3 connections were served");
                var client = await ServedConnectionAsync(host.BaseAddress);
                if (client is not null)
                {
                    held.Add(client);
                }
            }

            // Kestrel takes the fourth connection off the queue and closes it at once: the client sees
            // a reset while connecting, or the connection end instead of an answer.
            Assert.Equal(0, await AnswerBytesAsync(host.BaseAddress, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));

            // One held connection leaves: the node serves a page again.
            held[0].Dispose();
            held.RemoveAt(0);
            await Task.Delay(200);
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
            using var response = await http.GetAsync(new Uri("thywill/init/echo", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            held.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Host_WithANonPositiveConnectionLimit_DoesNotStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?> { ["Host:MaxConnections"] = "0" }));

        Assert.Contains("Host:MaxConnections", error.ToString(), StringComparison.Ordinal);
    }

    // A kept-alive connection that has been answered once, or null when the server closed it.
    private static async Task<TcpClient?> ServedConnectionAsync(Uri address)
    {
        var client = new TcpClient();
        if (await ExchangeAsync(client, address, "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n") > 0)
        {
            return client;
        }

        client.Dispose();
        await Task.Delay(100);
        return null;
    }

    // Connects, sends a request and reads what comes back within a few seconds: 0 bytes when the
    // server closed the connection (while connecting or after).
    private static async Task<int> AnswerBytesAsync(Uri address, string request)
    {
        using var client = new TcpClient();
        return await ExchangeAsync(client, address, request);
    }

    private static async Task<int> ExchangeAsync(TcpClient client, Uri address, string request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await client.ConnectAsync(address.Host, address.Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), timeout.Token);
            return await stream.ReadAsync(new byte[256], timeout.Token);
        }
        catch (Exception ex) when (ex is IOException or SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted })
        {
            return 0;
        }
    }
}
