using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Apps;

/// <summary>Draw: strokes reach the others in the room and not the sender; late joiners see them.</summary>
[Collection(E2ECollection.Name)]
public sealed class DrawTests(BrowserFixture browser, HostFixture fixture) : ThywillBrowserTest(browser), IClassFixture<HostFixture>
{
    private ThywillTestHost Host => fixture.Host;

    [Fact]
    public Task MouseStroke_ReachesTheOthers_NotTheSender_AndALateJoinerSeesIt() => RunAsync(async newContext =>
    {
        var url = Host.AppUrl("draw") + "#mouse";
        var ann = await OpenAsync(await newContext(), url);
        var bob = await OpenAsync(await newContext(), url);

        await DragAsync(ann.Page, (0.1, 0.1), (0.6, 0.5));

        await Expect(bob.Page.Locator("#draw-canvas")).ToHaveAttributeAsync("data-strokes", "1");
        var stroke = await bob.WaitForMessageAsync("m => m.channel === 'draw:mouse'");
        Assert.Equal(ann.ClientId, stroke.GetProperty("from").GetString());
        Assert.True(stroke.GetProperty("data").GetProperty("points").GetArrayLength() > 2);
        Assert.True(await InkAtAsync(bob.Page, 0.35, 0.3), "Bob's canvas shows the stroke");
        Assert.Empty(await ann.ReceivedInAsync("draw:mouse"));
        await Expect(ann.Page.Locator("#draw-canvas")).ToHaveAttributeAsync("data-strokes", "1");

        var late = await OpenAsync(await newContext(), url);
        await Expect(late.Page.Locator("#draw-canvas")).ToHaveAttributeAsync("data-strokes", "1");
        Assert.True(await InkAtAsync(late.Page, 0.35, 0.3), "the late joiner's canvas shows the earlier stroke");
    });

    [Fact]
    public Task Reload_TheCanvasComesBack_TheAuthorsOwnStrokesIncluded() => RunAsync(async newContext =>
    {
        var url = Host.AppUrl("draw") + "#reload";
        var ann = await OpenAsync(await newContext(), url);
        var bob = await OpenAsync(await newContext(), url);
        await DragAsync(ann.Page, (0.1, 0.1), (0.6, 0.5));
        await Expect(bob.Page.Locator("#draw-canvas")).ToHaveAttributeAsync("data-strokes", "1");

        // Both pages start empty after a reload; the room's history draws the canvas again. Ann's own
        // stroke never came back to her live (excludeSelf), but her new page has not got it.
        foreach (var page in new[] { ann, bob })
        {
            await page.ReloadAsync();
            await Expect(page.Page.Locator("#thywill-app")).ToHaveAttributeAsync("data-joined", "draw:reload");
            await Expect(page.Page.Locator("#draw-canvas")).ToHaveAttributeAsync("data-strokes", "1");
            Assert.True(await InkAtAsync(page.Page, 0.35, 0.3), "the reloaded canvas shows the stroke");
        }
    });

    [Fact]
    public Task TouchTap_DrawsADot_ForTheOthers() => RunAsync(async newContext =>
    {
        var url = Host.AppUrl("draw") + "#touch";
        var phoneContext = await Browser.NewContextAsync(new BrowserNewContextOptions { HasTouch = true });
        try
        {
            var phone = await OpenAsync(phoneContext, url);
            var desk = await OpenAsync(await newContext(), url);
            var box = (await phone.Page.Locator("#draw-canvas").BoundingBoxAsync())!;

            await phone.Page.Touchscreen.TapAsync(box.X + (box.Width * 0.5f), box.Y + (box.Height * 0.5f));

            await Expect(desk.Page.Locator("#draw-canvas")).ToHaveAttributeAsync("data-strokes", "1");
            Assert.True(await InkAtAsync(desk.Page, 0.5, 0.5));
        }
        finally
        {
            await phoneContext.DisposeAsync();
        }
    });

    private static async Task<ThywillPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await ThywillPage.OpenAsync(context, url);
        await Expect(page.Page.Locator("#thywill-app")).ToHaveAttributeAsync("data-joined", new System.Text.RegularExpressions.Regex("^draw:"));
        return page;
    }

    private static async Task DragAsync(IPage page, (double X, double Y) from, (double X, double Y) to)
    {
        var box = (await page.Locator("#draw-canvas").BoundingBoxAsync())!;
        float X(double f) => box.X + (float)(box.Width * f);
        float Y(double f) => box.Y + (float)(box.Height * f);
        await page.Mouse.MoveAsync(X(from.X), Y(from.Y));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(X(to.X), Y(to.Y), new MouseMoveOptions { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    // Whether any pixel near a point (canvas fractions) is painted.
    private static Task<bool> InkAtAsync(IPage page, double x, double y) =>
        page.EvaluateAsync<bool>(
            """
            ([x, y]) => {
                const canvas = document.getElementById('draw-canvas');
                const px = Math.round(x * canvas.width), py = Math.round(y * canvas.height);
                const data = canvas.getContext('2d').getImageData(px - 4, py - 4, 9, 9).data;
                for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
                return false;
            }
            """,
            new[] { x, y });
}
