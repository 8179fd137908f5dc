// Baseline (a) of the fan-out benchmark: the transport's own ceiling. A plain ASP.NET Core SignalR hub
// (MessagePack, WebSockets) broadcasts with Clients.All to plain SignalR connections, the same
// envelope JSON the Thywill benchmark application sends. The load client starts it on a 127.0.0.1
// port; Kestrel's default without --urls is localhost.
//
//   dotnet Thywill.Blazor.Bench.SignalRServer.dll --urls http://127.0.0.1:5091
//
// With Bench:Redis set (a StackExchange.Redis configuration string), several of these share one
// Redis through SignalR's official backplane (Microsoft.AspNetCore.SignalR.StackExchangeRedis): the
// many-node baseline.
using Thywill.Blazor.Bench.SignalRServer;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var signalR = builder.Services.AddSignalR().AddMessagePackProtocol();
if (builder.Configuration["Bench:Redis"] is { Length: > 0 } redis)
{
    signalR.AddStackExchangeRedis(redis);
}

builder.Services.AddSingleton<FanOutCounters>();

var app = builder.Build();
app.MapGet("/", (FanOutCounters counters) => Results.Json(new { server = "signalr", clients = counters.Connected }));
app.MapHub<FanOutHub>("/hub");
await app.RunAsync();
