// Baseline (b) of the fan-out benchmark: Blazor Server push without an outbox. Each circuit's root
// component plays thywill.js's bootstrap (_attach, _ready) so the same load client drives it, and a
// broadcast is one un-awaited JS.InvokeVoidAsync("thywill._deliver", …) per message per circuit.
// The load client starts it on a 127.0.0.1 port; Kestrel's default without --urls is localhost.
//
//   dotnet Thywill.Blazor.Bench.NaiveServer.dll --urls http://127.0.0.1:5092
using Thywill.Blazor.Bench.NaiveServer;
using Thywill.Blazor.Bench.NaiveServer.Components;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddSingleton<NaiveCircuits>();

var app = builder.Build();
app.UseAntiforgery();
app.MapGet("/", (NaiveCircuits circuits) => Results.Json(new { server = "naive", clients = circuits.Count }));
app.MapRazorComponents<InitPage>().AddInteractiveServerRenderMode();
await app.RunAsync();
