using ThywillApp1;

var builder = WebApplication.CreateBuilder(args);

// The framework and the applications this host serves; AddApplication<T>() calls compose.
builder.Services.AddThywill(builder.Configuration.GetSection("Thywill"))
    .AddApplication<AppClassNameApplication>();

var app = builder.Build();
app.UseAntiforgery();
app.MapStaticAssets();

// The circuit hub (Blazor's interactive server rendering) is Thywill's push channel.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

// /thywill/init/{id}: the page of an application.
app.MapThywill();
app.MapGet("/", () => Results.Redirect("/thywill/init/" + AppClassNameApplication.Id));

await app.RunAsync();

/// <summary>The entry point, visible to the tests' host fixture (<c>ThywillHostFixture&lt;Program&gt;</c>).</summary>
public partial class Program;
