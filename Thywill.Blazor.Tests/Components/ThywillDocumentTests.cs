using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Components;

[Collection(HostCollection.Name)]
public sealed class ThywillDocumentTests
{
    private const string ThywillJs = "_content/Thywill.Blazor.Core/thywill.js";
    private const string EchoJs = "_content/Thywill.Blazor.Apps/echo/echo.js";
    private const string EchoCss = "_content/Thywill.Blazor.Apps/echo/echo.css";
    private const string BlazorJs = "_framework/blazor.web.js";

    [Fact]
    public async Task InitPage_Echo_ListsFrameworkScriptsThenApplicationScriptsThenBlazorLast()
    {
        var page = await GetInitPageAsync("echo");

        var scripts = page.QuerySelectorAll("body script[src]").Select(s => s.GetAttribute("src") ?? "").ToArray();

        Assert.Equal([ThywillJs, EchoJs, BlazorJs], scripts);
    }

    [Fact]
    public async Task InitPage_Echo_LinksApplicationStyleSheetInHead()
    {
        var page = await GetInitPageAsync("echo");

        var styles = page.QuerySelectorAll("head link[rel=stylesheet]").Select(s => s.GetAttribute("href") ?? "").ToArray();

        Assert.Equal([EchoCss], styles);
    }

    [Fact]
    public async Task InitPage_Echo_CarriesApplicationAndLimitsForThywillJs()
    {
        var page = await GetInitPageAsync("echo", ("Thywill:Messages:MaxMessageBytes", "4096"));

        Assert.Equal("echo", Meta(page, "thywill-application"));
        Assert.Equal("4096", Meta(page, "thywill-max-message-bytes"));
        Assert.Equal("20000", Meta(page, "thywill-bootstrap-timeout"));
    }

    private static string? Meta(IDocument page, string name) =>
        page.QuerySelector($"meta[name={name}]")?.GetAttribute("content");

    private static async Task<IDocument> GetInitPageAsync(string applicationId, params (string Key, string? Value)[] settings)
    {
        await using var factory = new ThywillHostFactory(settings);
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri($"/thywill/init/{applicationId}", UriKind.Relative));
        return new HtmlParser().ParseDocument(html);
    }
}
